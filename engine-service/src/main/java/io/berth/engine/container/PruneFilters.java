package io.berth.engine.container;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.time.DockerTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters of Docker's {@code POST /containers/prune} (Engine API 1.41; moby daemon/prune.go): only
 * {@code until}, {@code label} and {@code label!}. {@code until} is one value, a Go duration before now
 * ("24h", "1h30m", "90s") or a time (unix seconds with an optional fraction, RFC 3339, "2006-01-02"):
 * containers created after it are kept. {@code label} values must all match ("key" or "key=value");
 * a container matching every {@code label!} value is kept (moby's MatchKVList).
 */
public final class PruneFilters {
    private static final Set<String> KEYS = Set.of("until", "label", "label!");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");

    private final List<String> labels;
    private final List<String> notLabels;
    private final Instant until;

    /**
     * @param filters key → values
     * @param now the current time (for durations)
     * @throws InvalidArgumentException "invalid filter 'x'", "more than one until filter specified", or a bad
     *     until value
     */
    public PruneFilters(Map<String, List<String>> filters, Instant now) {
        for (String k : filters.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidArgumentException("invalid filter '" + k + "'");
            }
        }
        labels = filters.getOrDefault("label", List.of());
        notLabels = filters.getOrDefault("label!", List.of());
        List<String> u = filters.getOrDefault("until", List.of());
        if (u.size() > 1) {
            throw new InvalidArgumentException("more than one until filter specified");
        }
        until = u.isEmpty() ? null : timestamp(u.get(0), now);
    }

    /**
     * @param r a container that is not running
     * @return true if prune removes it
     */
    public boolean matches(ContainerRecord r) {
        if (until != null && r.created().isAfter(until)) {
            return false;
        }
        Map<String, String> l = r.config().getLabelsMap();
        if (!labels.stream().allMatch(v -> ContainerFilters.matchesLabel(v, l))) {
            return false;
        }
        return notLabels.isEmpty() || !notLabels.stream().allMatch(v -> ContainerFilters.matchesLabel(v, l));
    }

    /**
     * moby's timetypes.GetTimestamp for prune: a Go duration (before {@code now}) or a time.
     *
     * @param value the filter value
     * @param now the current time
     * @return the instant
     * @throws InvalidArgumentException for anything else
     */
    static Instant timestamp(String value, Instant now) {
        return DockerTime.pruneUntil(value, now);
    }

    /**
     * @param s "1h30m", "-5s", "1.5h", "0"
     * @return nanoseconds, or null if not a Go duration
     */
    static Long durationNanos(String s) {
        String v = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (v.equals("0")) {
            return 0L;
        }
        if (v.isEmpty()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(v);
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < v.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2)))));
            pos = m.end();
        }
        long n = total.longValue();
        return s.startsWith("-") ? -n : n;
    }

    private static long unit(String u) {
        return switch (u) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
