package io.berth.engine.exec;

import io.berth.common.errors.InternalException;

/**
 * The runtime could not start an exec's process (command not found, not executable, bad working
 * directory...). dockerd 20.10 reports the runtime's text and records exit code 126.
 */
public final class ExecStartException extends InternalException {
    private static final long serialVersionUID = 1L;

    /** @param message "OCI runtime exec failed: ...: unknown" */
    public ExecStartException(String message) {
        super(message);
    }
}
