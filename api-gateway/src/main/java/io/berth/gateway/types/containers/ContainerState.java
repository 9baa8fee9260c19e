package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker Engine API 1.41 swagger {@code ContainerState}, the {@code State} of container inspect. Times are
 * Go's RFC3339Nano in UTC, and Go's zero time {@code "0001-01-01T00:00:00Z"} when never set.
 *
 * @param status "created", "running", "paused", "restarting", "removing", "exited" or "dead"
 * @param running Running
 * @param paused Paused
 * @param restarting Restarting
 * @param oomKilled OOMKilled
 * @param dead Dead
 * @param pid host PID of the container's init process, 0 when not running
 * @param exitCode ExitCode
 * @param error Error ("" if none)
 * @param startedAt StartedAt
 * @param finishedAt FinishedAt
 * @param health Health (omitted when the container has no healthcheck, as dockerd's omitempty pointer)
 */
public record ContainerState(
        @JsonProperty("Status") String status,
        @JsonProperty("Running") boolean running,
        @JsonProperty("Paused") boolean paused,
        @JsonProperty("Restarting") boolean restarting,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("Dead") boolean dead,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("StartedAt") String startedAt,
        @JsonProperty("FinishedAt") String finishedAt,
        @JsonProperty("Health") @JsonInclude(JsonInclude.Include.NON_NULL) Health health) {

    /**
     * Swagger {@code Health}.
     *
     * @param status "starting", "healthy" or "unhealthy"
     * @param failingStreak FailingStreak
     * @param log the last 5 results, oldest first
     */
    public record Health(@JsonProperty("Status") String status,
                         @JsonProperty("FailingStreak") int failingStreak,
                         @JsonProperty("Log") List<Result> log) {
    }

    /**
     * Swagger {@code HealthcheckResult}.
     *
     * @param start Start (RFC 3339 with nanoseconds)
     * @param end End
     * @param exitCode ExitCode: 0 healthy, 1 unhealthy, -1 could not run or timed out
     * @param output Output
     */
    public record Result(@JsonProperty("Start") String start,
                         @JsonProperty("End") String end,
                         @JsonProperty("ExitCode") int exitCode,
                         @JsonProperty("Output") String output) {
    }
}
