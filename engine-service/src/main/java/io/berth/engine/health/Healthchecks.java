package io.berth.engine.health;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.Healthcheck;
import java.util.List;
import java.util.Optional;

/**
 * A container's healthcheck settings as dockerd reads them (moby daemon/health.go, daemon/container.go
 * {@code verifyContainerSettings}): Test {@code ["NONE"]} or empty is no healthcheck, {@code ["CMD", args...]}
 * runs the arguments, {@code ["CMD-SHELL", cmd]} runs {@code /bin/sh -c cmd}; zero durations take dockerd's
 * defaults (interval 30 s, timeout 30 s, start period 0) and zero retries 3. An unknown test type is no
 * healthcheck (dockerd logs a warning and runs none).
 */
public final class Healthchecks {
    /** dockerd's default interval and timeout, ns. */
    public static final long DEFAULT_NANOS = 30_000_000_000L;
    /** dockerd's default retries. */
    public static final int DEFAULT_RETRIES = 3;
    /** dockerd's smallest duration (container.MinimumDuration, 1 ms), ns. */
    public static final long MINIMUM_NANOS = 1_000_000L;

    private Healthchecks() {
    }

    /**
     * dockerd's checks of a create request's Healthcheck.
     *
     * @param h the request's healthcheck (unset: nothing to check)
     * @throws InvalidArgumentException with dockerd's message
     */
    public static void validate(Healthcheck h) {
        check(h.getIntervalNanos(), "Interval");
        check(h.getTimeoutNanos(), "Timeout");
        if (h.getRetries() < 0) {
            throw new InvalidArgumentException("Retries in Healthcheck cannot be negative");
        }
        check(h.getStartPeriodNanos(), "StartPeriod");
    }

    private static void check(long nanos, String field) {
        if (nanos != 0 && nanos < MINIMUM_NANOS) {
            throw new InvalidArgumentException(field + " in Healthcheck cannot be less than 1ms");
        }
    }

    /**
     * @param c a container's merged config
     * @return the probe's command line, if the container has a healthcheck
     */
    public static Optional<List<String>> command(ContainerConfig c) {
        if (!c.hasHealthcheck() || c.getHealthcheck().getTestCount() == 0) {
            return Optional.empty();
        }
        List<String> test = c.getHealthcheck().getTestList();
        return switch (test.get(0)) {
            case "CMD" -> test.size() > 1 ? Optional.of(List.copyOf(test.subList(1, test.size()))) : Optional.empty();
            case "CMD-SHELL" -> Optional.of(List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size()))));
            default -> Optional.empty();
        };
    }

    /** @return the interval between probes, ns */
    static long intervalNanos(Healthcheck h) {
        return h.getIntervalNanos() > 0 ? h.getIntervalNanos() : DEFAULT_NANOS;
    }

    /** @return the probe's timeout, ns */
    static long timeoutNanos(Healthcheck h) {
        return h.getTimeoutNanos() > 0 ? h.getTimeoutNanos() : DEFAULT_NANOS;
    }

    /** @return the consecutive failures that make a container unhealthy */
    static int retries(Healthcheck h) {
        return h.getRetries() > 0 ? h.getRetries() : DEFAULT_RETRIES;
    }

    /**
     * Go's {@code time.Duration.String} for whole units as dockerd prints a timeout: "30s", "500ms", "1m30s".
     *
     * @param nanos a duration, ns
     * @return its Go text
     */
    public static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return nanos / 1_000_000L + "ms";
            }
            return nanos % 1000 == 0 ? nanos / 1000 + "µs" : nanos + "ns";
        }
        long h = nanos / 3_600_000_000_000L;
        long m = nanos / 60_000_000_000L % 60;
        long restNanos = nanos % 60_000_000_000L;
        String s = restNanos % 1_000_000_000L == 0 ? Long.toString(restNanos / 1_000_000_000L)
                : java.math.BigDecimal.valueOf(restNanos, 9).stripTrailingZeros().toPlainString();
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            out.append(m).append('m');
        }
        return out.append(s).append('s').toString();
    }
}
