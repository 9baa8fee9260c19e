package io.berth.engine.runtime;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.UnavailableException;
import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Launches conmon 2.x, which runs {@code runc create} and then monitors the container for its whole
 * life, independent of the engine (it double-forks and survives an engine restart): it writes the
 * container's output to its k8s-file log in the data root ({@link ConmonLog}) and its exit code to {@code <exec-root>/conmon/exits/<id>}.
 *
 * <p>conmon reports the container's pid (or runc's error) on a "sync pipe" it expects as an inherited
 * fd named by {@code _OCI_SYNCPIPE}. Java cannot pass fd 3 to a child, so conmon is started through
 * {@code /bin/sh -c 'exec "$0" "$@" 3>&1 1>/dev/null' conmon ...} with {@code _OCI_SYNCPIPE=3}: fd 3 is
 * the child's stdout, on which conmon writes {@code {"data": <pid>}} or {@code {"data": -1, "message": ..}}
 * once runc create has finished (conmon 2.1.6's sync-pipe protocol). That stdout is a FIFO in the bundle
 * ({@link SyncPipe}), not a JDK pipe, which the JDK would close when conmon's parent exits. The caller then
 * runs {@code runc start}.
 */
@Singleton
public class ConmonLauncher {
    private static final Logger LOG = LogManager.getLogger(ConmonLauncher.class);
    private static final long SYNC_TIMEOUT_SECONDS = 60;

    /**
     * A launched container run.
     *
     * @param containerPid host PID of the container's init process (created, not yet started)
     * @param conmonPid host PID of conmon
     */
    public record Launched(int containerPid, int conmonPid) {
    }

    private final EngineConfig config;

    /** @param config conmon/runc binaries and the exec root */
    @Inject
    public ConmonLauncher(EngineConfig config) {
        this.config = config;
    }

    /**
     * Starts conmon, which creates the container with runc, and waits for the result on the sync pipe.
     *
     * @param id container ID
     * @param name container name (without slash), for conmon's logs
     * @param bundle the bundle with config.json and the mounted rootfs
     * @param stdin the container's stdin: with {@link StdinMode#isOpen()} conmon holds a pipe to the process's
     *              stdin and serves it on its attach socket ({@link ConmonAttachClient})
     * @param terminal Docker's {@code Tty}: conmon ({@code -t}) takes the pseudo-terminal runc creates for a
     *                 spec with {@code process.terminal}, logs what the process writes to it as stdout, writes
     *                 stdin to it, and resizes it through its control FIFO ({@link ConmonControl})
     * @param log where conmon writes the output
     * @return the pids
     * @throws UnavailableException if conmon cannot be executed
     * @throws InternalException "OCI runtime create failed: ..." with runc's message when create fails
     */
    public Launched launch(String id, String name, Bundle bundle, StdinMode stdin, boolean terminal, ConmonLog log) {
        try {
            Files.createDirectories(config.exitDir());
            Files.createDirectories(config.socketDir());
        } catch (IOException e) {
            throw new InternalException("cannot create conmon's directories: " + e.getMessage(), e);
        }
        try (SyncPipe sync = new SyncPipe(bundle.dir().resolve("sync.fifo"))) {
            ProcessBuilder pb = new ProcessBuilder(command(id, name, bundle, stdin, terminal, log))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.to(sync.path().toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(bundle.conmonStderr().toFile()))
                    // conmon writes an "oom" file into its working directory when the cgroup hits its memory
                    // limit: keep it in the bundle (deleted with it), not in the engine's working directory.
                    .directory(bundle.dir().toFile());
            pb.environment().put("_OCI_SYNCPIPE", "3");
            try {
                pb.start();
            } catch (IOException e) {
                throw new UnavailableException("cannot run conmon " + config.conmon() + ": " + e.getMessage(), e);
            }
            String line;
            try {
                line = sync.readLine(SYNC_TIMEOUT_SECONDS);
            } catch (InternalException e) {
                throw new InternalException(e.getMessage() + conmonErrors(bundle), e);
            }
            int pid = parseSync(line, bundle);
            return new Launched(pid, readPid(bundle.conmonPidFile()));
        } catch (IOException e) {
            throw new InternalException("cannot create conmon's sync pipe: " + e.getMessage(), e);
        }
    }

    /**
     * @param id container ID
     * @param name container name
     * @param bundle the bundle
     * @param stdin the container's stdin mode
     * @param terminal whether the process gets a pseudo-terminal ({@code -t})
     * @param log where conmon writes the output
     * @return the complete command line, starting with /bin/sh
     */
    List<String> command(String id, String name, Bundle bundle, StdinMode stdin, boolean terminal, ConmonLog log) {
        List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 3>&1 1>/dev/null",
                config.conmon().toString(),
                "--api-version", "1",
                "-c", id, "-u", id, "-n", name,
                "-r", config.runc().toString(),
                "--runtime-arg", "--root=" + config.runcRoot(),
                "-b", bundle.dir().toString(),
                "-p", bundle.pidFile().toString(),
                "--conmon-pidfile", bundle.conmonPidFile().toString(),
                "--exit-dir", config.exitDir().toString(),
                "--socket-dir-path", config.socketDir().toString(),
                // No fsync of the log: conmon 2.1 otherwise fsyncs it at every reopen (rotation) and, worse,
                // after the container's death and BEFORE it writes the exit file, so a loud container's exit
                // waited for the write-back of all its dirty log pages (tens of ms to seconds: issue 12's
                // "exit within 100 ms whatever the log backlog"). dockerd's json-file never fsyncs either; the
                // page cache keeps every line across a kill -9 of any process, only a host crash can lose the
                // unwritten tail, as with dockerd.
                "--no-sync-log",
                "--log-level", "info"));
        c.addAll(log.conmonArgs());
        if (terminal) {
            c.add("-t");
        }
        c.addAll(stdin.conmonFlags());
        return c;
    }

    private int parseSync(String line, Bundle bundle) {
        if (line == null) {
            throw new InternalException("conmon exited without reporting the container's pid" + conmonErrors(bundle));
        }
        SyncPipe.Message m = SyncPipe.parse(line);
        if (!m.started()) {
            throw new InternalException("OCI runtime create failed: " + m.runtimeMessage() + ": unknown");
        }
        int pid = m.pid();
        LOG.debug("conmon created container, pid {}", pid);
        return pid;
    }

    private static int readPid(Path pidFile) {
        for (int i = 0; i < 50; i++) {
            try {
                String s = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
                if (!s.isEmpty()) {
                    return Integer.parseInt(s);
                }
            } catch (IOException | NumberFormatException e) {
                // not written yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.warn("conmon pid file {} not readable; liveness checks will rely on the exit file", pidFile);
        return 0;
    }

    private static String conmonErrors(Bundle bundle) {
        try {
            String s = Files.readString(bundle.conmonStderr(), StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "" : ": " + s;
        } catch (IOException e) {
            return "";
        }
    }
}
