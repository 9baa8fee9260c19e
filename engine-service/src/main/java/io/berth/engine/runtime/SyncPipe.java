package io.berth.engine.runtime;

import io.berth.common.errors.InternalException;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * conmon's sync pipe as a named FIFO. The child's stdout is redirected to the FIFO (and the shell dups it
 * to fd 3), and the engine reads the FIFO. A JDK {@code Process} pipe cannot be used: when the direct
 * child exits (conmon's parent returns right after forking) the JDK's process reaper drains and closes that
 * pipe, so conmon's later message could be lost. The FIFO reaches EOF only when every writer (conmon) has
 * closed it.
 */
final class SyncPipe implements AutoCloseable {
    private final Path fifo;
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();

    /**
     * Creates the FIFO and starts a daemon thread that opens it for reading (which blocks until the child
     * opens it for writing) and reads one line.
     *
     * @param fifo where to create it (replaced if it exists)
     * @throws IOException if it cannot be created
     */
    SyncPipe(Path fifo) throws IOException {
        this.fifo = fifo;
        Files.deleteIfExists(fifo);
        Sys.mknod(fifo, LibC.S_IFIFO | 0600, 0, 0);
        Thread t = new Thread(this::read, "conmon-sync");
        t.setDaemon(true);
        t.start();
    }

    /** @return the FIFO, to redirect the child's stdout to */
    Path path() {
        return fifo;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.toFile()),
                StandardCharsets.UTF_8))) {
            firstLine.complete(r.readLine());
        } catch (IOException e) {
            firstLine.complete(null);
        }
    }

    /**
     * @param seconds how long to wait
     * @return the first line conmon wrote, or {@code null} if every writer closed the pipe without one
     * @throws InternalException on timeout or interruption
     */
    String readLine(long seconds) {
        try {
            return firstLine.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new InternalException("conmon did not report the container's pid within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while starting conmon", e);
        } catch (ExecutionException e) {
            throw new InternalException("cannot read conmon's sync pipe", e);
        }
    }

    /** Unblocks a reader still waiting for a writer (the child never opened the FIFO) and deletes it. */
    @Override
    public void close() {
        if (!firstLine.isDone()) {
            try {
                // opening for writing lets the reader's open return; closing gives it EOF
                new FileOutputStream(fifo.toFile()).close();
            } catch (IOException e) {
                // the reader is gone already
            }
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            // best effort: the bundle is cleaned at the next start
        }
    }
}
