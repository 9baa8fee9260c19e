package io.berth.engine.exec;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.UnavailableException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.runtime.ConmonAttachClient;
import io.berth.engine.runtime.SyncPipe;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.newsclub.net.unix.AFUNIXDatagramChannel;

/**
 * Runs an exec process under conmon 2.1's exec mode: {@code conmon --exec --exec-process-spec <process.json>}
 * makes conmon run {@code runc exec --detach --pid-file ... --process <process.json> [--tty --console-socket]
 * <container>} and monitor the process as it monitors a container: it survives the engine, relays stdin and
 * output on its attach socket and reports the exit status.
 *
 * <p>Each exec has a directory {@code <exec-root>/execs/<exec-id>/} (conmon's {@code -b}): {@code process.json},
 * conmon's {@code attach} socket and {@code ctl} FIFO, the pid files, the exit directory {@code exit/}, and the
 * FIFOs below; {@link ExecProcess#close()} deletes it. Output is not logged ({@code -l none}): an attached
 * exec's output goes to the client only, a detached exec's nowhere (as with dockerd).
 *
 * <p>conmon's pipes are inherited descriptors named by environment variables (src/parent_pipe_fd.c); the
 * JDK cannot hand a child extra descriptors, so conmon is started through {@code /bin/sh}, which opens
 * FIFOs in this directory on them: {@code _OCI_SYNCPIPE} (fd 3, conmon writes the pid, then the exit
 * status, see {@link SyncPipe}); for an attached exec also {@code _OCI_ATTACHPIPE} (fd 5, conmon writes once
 * its attach socket is bound) and {@code _OCI_STARTPIPE} (fd 4: conmon reads it once at start, and with
 * {@code --exec-attach} its runtime child reads it again before running runc). So the sequence is: write the
 * first start message, start conmon, wait for the attach message, connect to the socket, close the start
 * FIFO (conmon's second read returns EOF and runc runs), read the pid: no output can be lost.
 */
@Singleton
public class ExecLauncher {
    private static final Logger LOG = LogManager.getLogger(ExecLauncher.class);
    private static final long SYNC_TIMEOUT_SECONDS = 60;
    private static final String SHELL = "exec \"$0\" \"$@\" 3>\"$BERTH_SYNC_FIFO\"";
    private static final String SHELL_ATTACH = SHELL + " 4<\"$BERTH_START_FIFO\" 5>\"$BERTH_ATTACH_FIFO\"";

    /**
     * What to run.
     *
     * @param containerId the container's full ID
     * @param containerName its name without slash (conmon's logs)
     * @param execId the exec's ID (conmon's {@code -u}, its attach socket's link name)
     * @param tty allocate a pseudo-terminal ({@code -t})
     * @param stdin hold a pipe to the process's stdin ({@code -i})
     * @param attach connect to the attach socket before the process starts (false: a detached exec)
     */
    public record Request(String containerId, String containerName, String execId, boolean tty, boolean stdin,
                          boolean attach) {
    }

    private final EngineConfig config;
    private final ConmonAttachClient attachSockets;

    /**
     * @param config binaries and the exec root
     * @param attachSockets conmon's attach sockets
     */
    @Inject
    public ExecLauncher(EngineConfig config, ConmonAttachClient attachSockets) {
        this.config = config;
        this.attachSockets = attachSockets;
    }

    /** @return {@code <exec-root>/execs}, the parent of every exec's directory */
    public Path execsDir() {
        return config.execRoot().resolve("execs");
    }

    /**
     * @param execId the exec's ID
     * @return its directory
     */
    public Path dir(String execId) {
        return execsDir().resolve(execId);
    }

    /**
     * Creates the exec's directory (empty); the caller writes {@code process.json} into it.
     *
     * @param execId the exec
     * @return the directory
     * @throws InternalException if it cannot be created
     */
    public Path prepare(String execId) {
        Path d = dir(execId);
        try {
            deleteTree(d);
            Files.createDirectories(d.resolve("exit"));
            Files.createDirectories(config.socketDir());
        } catch (IOException e) {
            throw new InternalException("cannot create the exec's directory: " + e.getMessage(), e);
        }
        return d;
    }

    /**
     * Starts the process and waits until it runs.
     *
     * @param req what to run; its directory holds {@code process.json}
     * @return the running process; the caller closes it once it has exited
     * @throws ExecStartException "OCI runtime exec failed: <runc's message>: unknown" when runc cannot start it
     * @throws UnavailableException if conmon cannot be executed
     * @throws InternalException when conmon fails otherwise; the directory is deleted
     */
    public ExecProcess launch(Request req) {
        Path d = dir(req.execId());
        SyncPipe sync = null;
        SyncPipe attachPipe = null;
        RandomAccessFile start = null;
        AFUNIXDatagramChannel channel = null;
        try {
            sync = new SyncPipe(d.resolve("sync.fifo"), 2);
            ProcessBuilder pb = new ProcessBuilder(command(req, d))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(d.resolve("conmon.err").toFile()))
                    .directory(d.toFile()); // conmon's "oom" file, if any, stays in the exec's directory
            pb.environment().put("_OCI_SYNCPIPE", "3");
            pb.environment().put("BERTH_SYNC_FIFO", sync.path().toString());
            if (req.attach()) {
                attachPipe = new SyncPipe(d.resolve("attach.fifo"), 1);
                Path startFifo = d.resolve("start.fifo");
                Sys.mknod(startFifo, LibC.S_IFIFO | 0600, 0, 0);
                start = new RandomAccessFile(startFifo.toFile(), "rw"); // read-write: never blocks
                start.write('0');
                pb.environment().put("_OCI_STARTPIPE", "4");
                pb.environment().put("_OCI_ATTACHPIPE", "5");
                pb.environment().put("BERTH_START_FIFO", startFifo.toString());
                pb.environment().put("BERTH_ATTACH_FIFO", attachPipe.path().toString());
            }
            try {
                pb.start();
            } catch (IOException e) {
                throw new UnavailableException("cannot run conmon " + config.conmon() + ": " + e.getMessage(), e);
            }
            if (req.attach()) {
                String attached = readSync(attachPipe, d);
                if (attached == null) {
                    throw new InternalException("conmon exited before its attach socket was ready" + conmonErrors(d));
                }
                channel = attachSockets.open(d);
                start.close(); // EOF on the start pipe: conmon's child runs runc exec now
                start = null;
            }
            int pid = parsePid(readSync(sync, d), d);
            ExecProcess p = new ExecProcess(d, req.containerId(), pid, sync, channel);
            LOG.debug("exec {} runs in {} (pid {})", req.execId(), req.containerId(), pid);
            return p;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (sync != null) {
                sync.close();
            }
            deleteDir(d);
            if (e instanceof IOException io) {
                throw new InternalException("cannot start the exec's conmon: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        } finally {
            if (attachPipe != null) {
                attachPipe.close();
            }
            if (start != null) {
                try {
                    start.close();
                } catch (IOException e) {
                    LOG.debug("closing the start FIFO: {}", e.toString());
                }
            }
        }
    }

    /**
     * @param req what to run
     * @param d its directory
     * @return the whole command line, starting with /bin/sh
     */
    List<String> command(Request req, Path d) {
        List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", req.attach() ? SHELL_ATTACH : SHELL,
                config.conmon().toString(),
                "--api-version", "1",
                "-c", req.containerId(), "-u", req.execId(), "-n", req.containerName(),
                "-r", config.runc().toString(),
                "--runtime-arg", "--root=" + config.runcRoot(),
                "-b", d.toString(),
                "-p", d.resolve("pid").toString(),
                "--conmon-pidfile", d.resolve("conmon.pid").toString(),
                "-l", "none",
                "--exit-dir", d.resolve("exit").toString(),
                "--socket-dir-path", config.socketDir().toString(),
                "--log-level", "info",
                "-e", "--exec-process-spec", d.resolve("process.json").toString()));
        if (req.attach()) {
            c.add("--exec-attach");
        }
        if (req.tty()) {
            c.add("-t");
        }
        if (req.stdin()) {
            c.add("-i");
        }
        return c;
    }

    private static String readSync(SyncPipe pipe, Path d) {
        try {
            return pipe.readLine(SYNC_TIMEOUT_SECONDS);
        } catch (InternalException e) {
            throw new InternalException(e.getMessage() + conmonErrors(d), e);
        }
    }

    private static int parsePid(String line, Path d) {
        if (line == null) {
            throw new InternalException("conmon exited without reporting the exec's pid" + conmonErrors(d));
        }
        SyncPipe.Message m = SyncPipe.parse(line);
        if (!m.started()) {
            throw new ExecStartException("OCI runtime exec failed: " + m.runtimeMessage() + ": unknown");
        }
        return m.pid();
    }

    private static String conmonErrors(Path d) {
        try {
            String s = Files.readString(d.resolve("conmon.err"), StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "" : ": " + s;
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(AFUNIXDatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing an attach socket: {}", e.toString());
            }
        }
    }

    /**
     * Deletes an exec's directory (best effort).
     *
     * @param d the directory
     */
    static void deleteDir(Path d) {
        try {
            deleteTree(d);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", d, e.toString());
        }
    }

    private static void deleteTree(Path d) throws IOException {
        if (Files.exists(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            AtomicFiles.deleteTree(d);
        }
    }

    /**
     * Deletes what a previous engine left under {@link #execsDir()} (its exec records are gone), and the
     * links in conmon's socket directory that point into it (a killed engine never deleted them; the links of
     * containers stay).
     */
    public void deleteLeftovers() {
        Path execs = execsDir();
        try (Stream<Path> links = Files.list(config.socketDir())) {
            for (Path link : (Iterable<Path>) links::iterator) {
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(execs)) {
                    Files.deleteIfExists(link);
                }
            }
        } catch (NoSuchFileException e) {
            // no socket directory yet
        } catch (IOException e) {
            LOG.warn("cannot delete exec links in {}: {}", config.socketDir(), e.toString());
        }
        deleteDir(execs);
    }
}
