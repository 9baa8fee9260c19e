package io.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * conmon 2.1's control FIFO, {@code <dir>/ctl} in the directory conmon got as {@code -b} (the container's
 * bundle; for an exec, that exec's own directory): conmon reads lines {@code "<type> <height> <width>\n"}
 * from it (src/ctrl.c of conmon 2.1.6), type 1 resizing the terminal it holds with TIOCSWINSZ (only with
 * {@code -t} does it have one), type 2 reopening its log. conmon creates the FIFO whenever it gets {@code -b}.
 *
 * <p>The FIFO is opened with {@code O_NONBLOCK}, so a conmon that is gone (no reader) is an error at once
 * instead of a write that blocks forever.
 */
@Singleton
public class ConmonControl {
    /** The FIFO's name in conmon's {@code -b} directory. */
    public static final String FIFO_NAME = "ctl";
    /** conmon's WIN_RESIZE_EVENT. */
    static final int WIN_RESIZE_EVENT = 1;
    /** conmon's REOPEN_LOGS_EVENT: close the k8s-file log and create it anew (src/config.h, src/ctrl.c). */
    static final int REOPEN_LOGS_EVENT = 2;

    /**
     * Makes conmon reopen its k8s-file log: it closes the file it writes and creates a new one under the same
     * name (the log rotation's second step, after the engine renamed the old file).
     *
     * @param dir conmon's {@code -b} directory
     * @throws IOException if there is no FIFO or no conmon reads it
     */
    public void reopenLogs(Path dir) throws IOException {
        write(dir.resolve(FIFO_NAME), REOPEN_LOGS_EVENT + " 0 0\n");
    }

    /**
     * Sets the window size of the terminal conmon holds for the process it monitors.
     *
     * @param dir conmon's {@code -b} directory
     * @param rows the height in rows (as Docker's {@code h})
     * @param cols the width in columns (as Docker's {@code w})
     * @throws IOException if there is no FIFO (conmon was started without {@code -t}) or no conmon reads it
     */
    public void resize(Path dir, int rows, int cols) throws IOException {
        write(dir.resolve(FIFO_NAME), resizeLine(rows, cols));
    }

    /**
     * @param rows height
     * @param cols width
     * @return the resize line conmon expects
     */
    static String resizeLine(int rows, int cols) {
        return WIN_RESIZE_EVENT + " " + rows + " " + cols + "\n";
    }

    private static void write(Path fifo, String line) throws IOException {
        int fd;
        try {
            fd = AttachLibC.INSTANCE.open(fifo.toString(), AttachLibC.O_WRONLY | AttachLibC.O_NONBLOCK
                    | AttachLibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException(switch (e.getErrorCode()) {
                case AttachLibC.ENOENT -> "no terminal control FIFO at " + fifo;
                case AttachLibC.ENXIO -> "conmon no longer reads " + fifo;
                default -> "cannot open " + fifo + ": errno " + e.getErrorCode();
            }, e);
        }
        try {
            byte[] b = line.getBytes(StandardCharsets.US_ASCII);
            long n = AttachLibC.INSTANCE.write(fd, b, b.length); // less than PIPE_BUF: written whole or not at all
            if (n != b.length) {
                throw new IOException("short write to " + fifo);
            }
        } catch (LastErrorException e) {
            throw new IOException("cannot write to " + fifo + ": errno " + e.getErrorCode(), e);
        } finally {
            try {
                AttachLibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // the descriptor is gone either way
            }
        }
    }
}
