package io.berth.daemon.config;

/**
 * A {@code daemon.json} berthd refuses; the message is dockerd's: {@code unable to configure the Docker daemon with
 * file <path>: <reason>} (moby 20.10 cmd/dockerd {@code loadDaemonCliConfig}). berthd prints it and exits 1.
 */
public final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the configuration file
     * @param reason what is wrong, in dockerd's words
     */
    public ConfigFileException(java.nio.file.Path file, String reason) {
        super("unable to configure the Docker daemon with file " + file + ": " + reason);
    }
}
