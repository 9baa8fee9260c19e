package io.berth.engine.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Rotates a container's log as dockerd's json-file driver does for {@code max-size} / {@code max-file} /
 * {@code compress} (moby daemon/logger/loggerutils {@code LogFile.rotate}): the oldest rotated file is
 * deleted, the others move up by one ({@code .1} → {@code .2}, ...), the current file becomes {@code .1}, and
 * conmon is told to reopen its log (conmon 2.1's control FIFO message {@code 2 0 0}, REOPEN_LOGS_EVENT: it
 * closes the old file and creates a new, empty one under the same name). With {@code compress}, {@code .1}
 * is then gzipped to {@code .1.gz} once conmon has let go of it. With {@code max-file=1} the old file is
 * deleted instead (dockerd truncates).
 *
 * <p>Nothing is lost: conmon keeps appending to the renamed file until it reopens, and readers that hold it
 * read it to its end ({@link RotatingLog}). A file is over {@code max-size} by what conmon wrote between the
 * size check and the reopen (the {@code LogWatch} checks every 20 ms).
 */
public final class LogRotation {
    private static final Logger LOG = LogManager.getLogger(LogRotation.class);
    /** How long to wait for conmon to create the new current file. */
    private static final long REOPEN_WAIT_MS = 2000;

    /** Tells conmon to reopen its log. */
    public interface Reopen {
        /** @throws IOException if conmon cannot be told (it is gone) */
        void reopen() throws IOException;
    }

    private LogRotation() {
    }

    /**
     * @param files the container's log files
     * @param lock the container's rotation lock
     * @param reopen how to make conmon reopen
     * @throws IOException if a file cannot be renamed (nothing is lost: conmon keeps writing where it was)
     */
    public static void rotate(LogFiles files, Object lock, Reopen reopen) throws IOException {
        Path current = files.current();
        if (!Files.exists(current)) {
            return;
        }
        synchronized (lock) {
            int max = files.maxFiles();
            Files.deleteIfExists(files.rotated(Math.max(1, max - 1)));
            Files.deleteIfExists(files.rotatedGz(Math.max(1, max - 1)));
            // only the files there are, newest last to move: max-file may be 2^31-1 (LogFiles.existingRotated)
            for (int i : files.existingRotated().descendingSet()) {
                if (i <= max - 2) {
                    moveIfExists(files.rotated(i), files.rotated(i + 1));
                    moveIfExists(files.rotatedGz(i), files.rotatedGz(i + 1));
                }
            }
            Files.move(current, files.rotated(1), StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            reopen.reopen();
        } catch (IOException e) {
            LOG.debug("conmon did not reopen {}: {}", current, e.toString());
        }
        boolean reopened = awaitNewFile(current);
        if (files.maxFiles() == 1) {
            if (reopened) {
                synchronized (lock) {
                    Files.deleteIfExists(files.rotated(1));
                }
            }
            return;
        }
        if (files.compress() && reopened) {
            compress(files, lock);
        }
    }

    private static boolean awaitNewFile(Path current) {
        long deadline = System.nanoTime() + REOPEN_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (Files.exists(current)) {
                return true;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void compress(LogFiles files, Object lock) throws IOException {
        Path plain = files.rotated(1);
        Path gz = files.rotatedGz(1);
        Path tmp = gz.resolveSibling(gz.getFileName() + ".tmp");
        try (InputStream in = Files.newInputStream(plain);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            in.transferTo(out);
        }
        synchronized (lock) {
            Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(plain);
        }
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
