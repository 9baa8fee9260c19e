package io.berth.daemon;

import java.nio.file.Path;

/** A service could not be started or did not become ready; the message is for the user. */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The log to look at, or null. */
    private final transient Path log;

    /**
     * @param message what went wrong, naming the service
     * @param log the service's log file, or null
     */
    public StartupException(String message, Path log) {
        super(message);
        this.log = log;
    }

    /** @return the service's log file, or null */
    public Path log() {
        return log;
    }
}
