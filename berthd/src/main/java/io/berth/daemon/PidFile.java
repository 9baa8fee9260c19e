package io.berth.daemon;

import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * berthd's pid file ({@code -p/--pidfile}), as dockerd's: refuses to start while the file names a live
 * berthd, otherwise (re)writes it; removed on shutdown.
 */
public final class PidFile {
    private PidFile() {
    }

    /**
     * Writes {@code pid} to {@code file} (creating its directory; atomically and durably, {@link AtomicFiles}),
     * unless the file names another live berthd.
     *
     * @param file the pid file
     * @param pid this process's pid
     * @throws IllegalStateException with a user-facing message if a live berthd owns the file
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, long pid) throws IOException {
        Optional<Long> old = read(file);
        if (old.isPresent() && old.get() != pid && isBerthd(old.get())) {
            throw new IllegalStateException("berthd: pid file " + file + " names a running berthd (pid " + old.get()
                    + "); stop it or give another --pidfile");
        }
        AtomicFiles.write(file, (pid + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Removes the pid file if it still holds {@code pid}.
     *
     * @param file the pid file
     * @param pid this process's pid
     */
    public static void remove(Path file, long pid) {
        if (read(file).map(p -> p == pid).orElse(false)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing more to do at shutdown; the next start overwrites a stale file.
            }
        }
    }

    /**
     * @param file a pid file
     * @return the pid in it, if the file exists and holds a number
     */
    static Optional<Long> read(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isBerthd(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(Berthd.class.getName());
        } catch (IOException e) {
            return false;
        }
    }
}
