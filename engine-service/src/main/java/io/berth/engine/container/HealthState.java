package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's State.Health (Engine API 1.41 {@code Health}; moby container/health.go), immutable.
 *
 * @param status "starting", "healthy" or "unhealthy"
 * @param failingStreak consecutive failed probes since the last success
 * @param log the last {@value #MAX_LOG_ENTRIES} probe results, oldest first
 */
public record HealthState(
        @JsonProperty("Status") String status,
        @JsonProperty("FailingStreak") int failingStreak,
        @JsonProperty("Log") List<Result> log) {

    /** Health status before the first successful probe (or failure past the retries). */
    public static final String STARTING = "starting";
    /** Health status after a successful probe. */
    public static final String HEALTHY = "healthy";
    /** Health status after Retries consecutive failures, or once the container stopped. */
    public static final String UNHEALTHY = "unhealthy";
    /** How many results dockerd keeps (moby daemon/health.go maxLogEntries). */
    public static final int MAX_LOG_ENTRIES = 5;

    /** Copies the log; null is empty. */
    public HealthState {
        log = log == null ? List.of() : List.copyOf(log);
    }

    /**
     * One probe's result (Docker's HealthcheckResult).
     *
     * @param start when the probe started
     * @param end when it ended
     * @param exitCode 0 healthy, 1 unhealthy, -1 when it could not run or timed out (dockerd's values)
     * @param output its output (stdout and stderr), at most 4096 bytes
     */
    public record Result(
            @JsonProperty("Start") Instant start,
            @JsonProperty("End") Instant end,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Output") String output) {
    }

    /** @return the health of a container that just started: starting, no results */
    public static HealthState starting() {
        return new HealthState(STARTING, 0, List.of());
    }

    /** @return the health after a new start of the same container: starting, streak 0, log kept (dockerd) */
    public HealthState restarted() {
        return new HealthState(STARTING, 0, log);
    }

    /** @return the health of a stopped container: unhealthy, streak and log kept */
    public HealthState stopped() {
        return new HealthState(UNHEALTHY, failingStreak, log);
    }

    /**
     * Adds a probe result as moby's {@code handleProbeResult}: success makes it healthy and resets the
     * streak; a failure inside the start period while starting is logged but not counted; otherwise the
     * streak grows and reaching {@code retries} makes it unhealthy.
     *
     * @param r the result
     * @param retries consecutive failures that make it unhealthy (at least 1)
     * @param inStartPeriod the probe started within the start period of the container's start
     * @return the new health
     */
    public HealthState record(Result r, int retries, boolean inStartPeriod) {
        List<Result> newLog = new ArrayList<>(log);
        newLog.add(r);
        if (newLog.size() > MAX_LOG_ENTRIES) {
            newLog = newLog.subList(newLog.size() - MAX_LOG_ENTRIES, newLog.size());
        }
        if (r.exitCode() == 0) {
            return new HealthState(HEALTHY, 0, newLog);
        }
        if (inStartPeriod && STARTING.equals(status)) {
            return new HealthState(status, failingStreak, newLog);
        }
        int streak = failingStreak + 1;
        return new HealthState(streak >= retries ? UNHEALTHY : status, streak, newLog);
    }
}
