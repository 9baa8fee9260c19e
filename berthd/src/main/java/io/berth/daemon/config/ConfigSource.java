package io.berth.daemon.config;

import java.nio.file.Path;

/**
 * Where berthd's settings came from, kept to read the file again on SIGHUP.
 *
 * @param file the configuration file ({@code --config-file}, else {@link ConfigFile#DEFAULT})
 * @param named true if {@code --config-file} named it (then a missing file is an error)
 * @param flags the settings the command line gave explicitly (a key of the file may not repeat one)
 */
public record ConfigSource(Path file, boolean named, FileSettings flags) {
    /** No flags, the default file. */
    public static final ConfigSource DEFAULT = new ConfigSource(ConfigFile.DEFAULT, false, FileSettings.NONE);

    /**
     * @return the file's settings as they are now
     * @throws ConfigFileException if the file is refused
     */
    public FileSettings readFile() throws ConfigFileException {
        return ConfigFile.read(file, named, FileSettings.goValues(flags));
    }
}
