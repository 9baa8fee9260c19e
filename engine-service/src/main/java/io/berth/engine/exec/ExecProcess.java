package io.berth.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.LastErrorException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.engine.logs.LogStream;
import io.berth.engine.runtime.AttachLibC;
import io.berth.engine.runtime.ConmonControl;
import io.berth.engine.runtime.SyncPipe;
import io.berth.engine.watch.ExitWatcher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * A running exec process under its conmon (see {@link ExecLauncher}): its output and stdin through conmon's
 * attach socket (when attached), its exit status from conmon's sync pipe, its terminal size through conmon's
 * control FIFO, and its directory, deleted by {@link #close()}.
 *
 * <p>conmon 2.1 (src/conn_sock.c) sends each output chunk to the attach socket as one packet
 * {@code [1 byte pipe][data]}, pipe 2 = stdout and 3 = stderr (a TTY's output is all 2), and writes each packet a
 * client sends to the process's stdin; a client's half-close ({@code shutdown(SHUT_WR)}) closes that stdin.
 * When the process has exited and its output is drained, conmon closes the socket, then writes the exit file
 * and the exit status ({@code {"data": <status>}}) on the sync pipe (src/conmon.c).
 */
public final class ExecProcess implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ExecProcess.class);
    private static final ConmonControl CONTROL = new ConmonControl();
    /** Largest stdin packet written (conmon reads 32 KiB per packet). */
    static final int MAX_PACKET = 8192;
    private static final int PIPE_STDOUT = 2;
    private static final int PIPE_STDERR = 3;

    private final Path dir;
    private final String containerId;
    private final int pid;
    private final SyncPipe sync;
    private final AFUNIXDatagramChannel attach;
    private final int attachFd;
    private final Object lock = new Object();
    private boolean stdinEnded;
    private boolean closed;

    /**
     * @param dir the exec's directory (conmon's {@code -b})
     * @param containerId the container (the exit file's name)
     * @param pid the process's host PID
     * @param sync conmon's sync pipe, after the pid message
     * @param attach the attach socket connection, or null for a detached exec
     * @throws IOException if the socket's descriptor cannot be read
     */
    ExecProcess(Path dir, String containerId, int pid, SyncPipe sync, AFUNIXDatagramChannel attach)
            throws IOException {
        this.dir = dir;
        this.containerId = containerId;
        this.pid = pid;
        this.sync = sync;
        this.attach = attach;
        this.attachFd = attach == null ? -1 : FileDescriptorCast.using(attach.getFileDescriptor()).as(Integer.class);
    }

    /** @return the process's host PID */
    public int pid() {
        return pid;
    }

    /**
     * Reads output until conmon closes the attach socket (the process exited and its output was drained, or
     * the socket failed). Returns at once for a detached exec.
     *
     * @param out where the chunks go
     */
    public void pumpOutput(ExecOutput out) {
        if (attach == null) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (true) {
                buf.clear();
                int n = attach.read(buf);
                if (n <= 0) {
                    break;
                }
                int pipe = buf.get(0);
                byte[] data = Arrays.copyOfRange(buf.array(), 1, n);
                if (data.length > 0 && (pipe == PIPE_STDOUT || pipe == PIPE_STDERR)) {
                    out.onData(pipe == PIPE_STDERR ? LogStream.STDERR : LogStream.STDOUT, data);
                }
            }
        } catch (IOException e) {
            LOG.debug("exec attach socket ended: {}", e.toString());
        }
    }

    /**
     * Writes bytes to the process's stdin (blocks while the process does not read).
     *
     * @param data the bytes
     * @throws IOException if the socket is gone (the process exited)
     */
    public void writeStdin(byte[] data) throws IOException {
        if (attach == null) {
            return;
        }
        for (int off = 0; off < data.length; off += MAX_PACKET) {
            int len = Math.min(MAX_PACKET, data.length - off);
            if (attach.write(ByteBuffer.wrap(data, off, len)) != len) {
                throw new IOException("conmon's attach socket took only part of a " + len + "-byte packet");
            }
        }
    }

    /** Ends the process's stdin (half-closes the attach socket; idempotent, never throws). */
    public void endStdin() {
        synchronized (lock) {
            if (attach == null || stdinEnded || closed) {
                return;
            }
            stdinEnded = true;
            try {
                AttachLibC.INSTANCE.shutdown(attachFd, AttachLibC.SHUT_WR);
            } catch (LastErrorException e) {
                LOG.debug("shutdown of the exec's attach socket: errno {}", e.getErrorCode());
            }
        }
    }

    /**
     * Sets the size of the exec's pseudo-terminal (nothing without one: conmon has no control FIFO reader).
     *
     * @param height rows
     * @param width columns
     */
    public void resize(int height, int width) {
        try {
            CONTROL.resize(dir, height, width);
        } catch (IOException e) {
            LOG.debug("resize of exec in {}: {}", dir, e.getMessage()); // no terminal, or the exec has ended
        }
    }

    /**
     * Waits for conmon's exit status (its second sync message), else its exit file.
     *
     * @return the exit status (128 + signal for a killed process); {@link ExitWatcher#UNKNOWN_EXIT} if conmon
     *         died without reporting one
     */
    public int awaitExit() {
        String line = sync.readLine(Long.MAX_VALUE / 2_000_000_000L);
        if (line != null) {
            try {
                JsonNode n = Json.MAPPER.readTree(line);
                if (n.path("data").isInt()) {
                    return n.path("data").asInt();
                }
            } catch (IOException e) {
                LOG.warn("conmon wrote an invalid exit message: {}", line);
            }
        }
        try {
            String s = Files.readString(dir.resolve("exit").resolve(containerId), StandardCharsets.US_ASCII).trim();
            return Integer.parseInt(s);
        } catch (IOException | NumberFormatException e) {
            return ExitWatcher.UNKNOWN_EXIT;
        }
    }

    /** Closes the socket and the pipe and deletes the exec's directory (idempotent). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (attach != null) {
                try {
                    attach.close();
                } catch (IOException e) {
                    LOG.debug("closing the exec's attach socket: {}", e.toString());
                }
            }
        }
        sync.close();
        ExecLauncher.deleteDir(dir);
    }
}
