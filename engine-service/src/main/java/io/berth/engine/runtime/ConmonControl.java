package io.berth.engine.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * conmon 2.1's terminal control FIFO ({@code ctl} in conmon's {@code -b} directory, src/ctrl.c): a line
 * {@code "1 <rows> <cols>\n"} resizes the process's pseudo-terminal. The FIFO is opened read-write, which
 * never blocks on Linux even when conmon is gone.
 */
public final class ConmonControl {
    private static final Logger LOG = LogManager.getLogger(ConmonControl.class);
    /** The FIFO's name in conmon's directory. */
    public static final String FIFO_NAME = "ctl";

    private ConmonControl() {
    }

    /**
     * Resizes the terminal of the process conmon monitors in a directory (a container's bundle, an exec's
     * directory). Does nothing when the FIFO is gone (the process exited).
     *
     * @param dir conmon's {@code -b} directory
     * @param height rows
     * @param width columns
     */
    public static void resize(Path dir, int height, int width) {
        Path fifo = dir.resolve(FIFO_NAME);
        if (!Files.exists(fifo)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(fifo.toFile(), "rw")) {
            f.write(("1 " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debug("resize through {}: {}", fifo, e.toString());
        }
    }
}
