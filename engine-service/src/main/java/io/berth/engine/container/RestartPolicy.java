package io.berth.engine.container;

import io.berth.proto.engine.v1.HostConfig;

/**
 * Docker's restart policies (Engine API 1.41 {@code HostConfig.RestartPolicy}: "no" or "", "always",
 * "unless-stopped", "on-failure" with MaximumRetryCount), decided as moby's restartmanager
 * {@code ShouldRestart} does.
 *
 * @param name the policy name ("" is "no")
 * @param maximumRetryCount on-failure's limit of restarts (0 = no limit)
 */
public record RestartPolicy(String name, int maximumRetryCount) {
    /** Restart whatever the exit. */
    public static final String ALWAYS = "always";
    /** Restart unless stopped through the API. */
    public static final String UNLESS_STOPPED = "unless-stopped";
    /** Restart on a non-zero exit code, at most MaximumRetryCount times. */
    public static final String ON_FAILURE = "on-failure";

    /**
     * @param hc a container's host config
     * @return its policy
     */
    public static RestartPolicy of(HostConfig hc) {
        return new RestartPolicy(hc.getRestartPolicy(), hc.getRestartMaxRetries());
    }

    /** @return true for "no" and "" */
    public boolean isNone() {
        return !name.equals(ALWAYS) && !name.equals(UNLESS_STOPPED) && !name.equals(ON_FAILURE);
    }

    /**
     * Whether an exit is followed by a restart while the engine runs. A container stopped or killed through
     * the API is never restarted (dockerd cancels its restart manager: kill.go {@code ExitOnNext}).
     *
     * @param exitCode the run's exit code
     * @param manuallyStopped stopped or killed through the API
     * @param restartCount restarts by the policy so far (RestartCount)
     * @return true to restart it
     */
    public boolean restartsAfterExit(int exitCode, boolean manuallyStopped, int restartCount) {
        return !manuallyStopped && decide(exitCode, false, restartCount);
    }

    /**
     * Whether a stopped container is started when the engine starts (dockerd's restore with
     * {@code container.ShouldRestart}): "always" even when it was stopped through the API, "unless-stopped"
     * only if it was not, "on-failure" if its last exit was non-zero and retries remain.
     *
     * @param exitCode the last run's exit code
     * @param manuallyStopped stopped or killed through the API
     * @param restartCount restarts by the policy so far
     * @return true to start it
     */
    public boolean startsWithEngine(int exitCode, boolean manuallyStopped, int restartCount) {
        return decide(exitCode, manuallyStopped, restartCount);
    }

    private boolean decide(int exitCode, boolean manuallyStopped, int restartCount) {
        return switch (name) {
            case ALWAYS -> true;
            case UNLESS_STOPPED -> !manuallyStopped;
            case ON_FAILURE -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
            default -> false;
        };
    }
}
