package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
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
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * conmon's sync pipe as a named FIFO. The child's stdout is redirected to the FIFO (and the shell dups it
 * to fd 3), and the engine reads the FIFO. A JDK {@code Process} pipe cannot be used: when the direct
 * child exits (conmon's parent returns right after forking) the JDK's process reaper drains and closes that
 * pipe, so conmon's later message could be lost. The FIFO reaches EOF only when every writer (conmon) has
 * closed it.
 *
 * <p>A container's conmon writes one message (the pid); an exec's conmon ({@code --exec}, API version 1)
 * writes two, the pid and then the exit status, and its attach pipe ({@code _OCI_ATTACHPIPE}) one. The pipe
 * reads as many lines as it is told and then closes its end, so a container's pipe holds no descriptor or
 * thread for the container's whole life.
 */
public final class SyncPipe implements AutoCloseable {
    private static final Optional<String> EOF = Optional.empty();

    private final Path fifo;
    private final int lines;
    private final BlockingQueue<Optional<String>> received = new LinkedBlockingQueue<>();
    private volatile boolean opened;
    private volatile boolean ended;

    /**
     * A pipe for one message (a container's conmon).
     *
     * @param fifo where to create it (replaced if it exists)
     * @throws IOException if it cannot be created
     */
    SyncPipe(Path fifo) throws IOException {
        this(fifo, 1);
    }

    /**
     * Creates the FIFO and starts a daemon thread that opens it for reading (which blocks until the child
     * opens it for writing) and reads up to {@code lines} lines.
     *
     * @param fifo where to create it (replaced if it exists)
     * @param lines how many lines to read before closing the reading end
     * @throws IOException if it cannot be created
     */
    public SyncPipe(Path fifo, int lines) throws IOException {
        this.fifo = fifo;
        this.lines = lines;
        Files.deleteIfExists(fifo);
        Sys.mknod(fifo, LibC.S_IFIFO | 0600, 0, 0);
        Thread t = new Thread(this::read, "conmon-sync");
        t.setDaemon(true);
        t.start();
    }

    /**
     * One message of conmon's sync protocol: {@code {"data": <pid>}} once the process runs, or
     * {@code {"data": -1, "message": "<runtime error>"}} when the runtime failed.
     *
     * @param pid the pid, or a value {@code <= 0} if the runtime failed
     * @param runtimeMessage the runtime's error text without runc's log wrapping ({@code RuncClient.message});
     *     "unknown error" when conmon gave none
     */
    public record Message(int pid, String runtimeMessage) {
        /** @return true if the process runs ({@link #pid} is valid) */
        public boolean started() {
            return pid > 0;
        }
    }

    /**
     * @param line one line read from the pipe (not null)
     * @return the message it holds
     * @throws InternalException if the line is not conmon's JSON
     */
    public static Message parse(String line) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new InternalException("conmon wrote an invalid sync message: " + line, e);
        }
        String msg = RuncClient.message(n.path("message").asText(""));
        return new Message(n.path("data").asInt(-1), msg.isEmpty() ? "unknown error" : msg);
    }

    /** @return the FIFO, to redirect the child's stdout to */
    public Path path() {
        return fifo;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.toFile()),
                StandardCharsets.UTF_8))) {
            opened = true;
            for (int i = 0; i < lines; i++) {
                String line = r.readLine();
                if (line == null) {
                    break;
                }
                received.add(Optional.of(line));
            }
        } catch (IOException e) {
            // the end, as for EOF
        }
        received.add(EOF);
    }

    /**
     * @param seconds how long to wait
     * @return the next line conmon wrote, or {@code null} if every writer closed the pipe without one (or
     *         the lines this pipe reads were all returned)
     * @throws InternalException on timeout or interruption
     */
    public String readLine(long seconds) {
        if (ended) {
            return null;
        }
        try {
            Optional<String> line = received.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                throw new InternalException("conmon did not report the container's pid within " + seconds + " s");
            }
            if (line.isEmpty()) {
                ended = true;
                return null;
            }
            return line.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while starting conmon", e);
        }
    }

    /** Unblocks a reader still waiting for a writer (the child never opened the FIFO) and deletes it. */
    @Override
    public void close() {
        if (!opened) {
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
