package io.berth.engine.service;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;

/**
 * Classifies a failed start as dockerd does (moby daemon/start.go {@code translateContainerdStartErr}):
 * a missing executable or file is the user's error (400) with State.ExitCode 127, a permission problem
 * 400 with 126, anything else a 500 with 128.
 */
public final class StartFailures {
    /**
     * A classified failure.
     *
     * @param error the exception for the caller
     * @param exitCode the State.ExitCode to record
     */
    public record Failure(BerthException error, int exitCode) {
    }

    private StartFailures() {
    }

    /**
     * @param e what went wrong
     * @return the error for the caller and the exit code to record
     */
    public static Failure classify(RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.contains("executable file not found") || msg.contains("no such file or directory")) {
            return new Failure(new InvalidArgumentException(msg, e), 127);
        }
        if (msg.contains("permission denied")) {
            return new Failure(new InvalidArgumentException(msg, e), 126);
        }
        if (e instanceof BerthException be) {
            return new Failure(be, 128);
        }
        return new Failure(new InternalException(msg, e), 128);
    }
}
