package io.berth.daemon;

import io.berth.common.ContainersOutliveServices;
import io.berth.common.fs.PrivateDirs;
import io.berth.common.net.HostAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One berthd run: takes the data-root lock, writes the pid file, starts and supervises the services, and
 * on {@link #shutdown} stops them in order and removes what it made (pid file, sockets, lock).
 */
public final class Daemon {
    private static final Logger LOG = LogManager.getLogger(Daemon.class);
    /** How long each service may take to become ready. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long each service gets between SIGTERM and SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final DaemonConfig config;
    private final long pid;
    private final Supervisor supervisor;
    private final Runnable onReady;
    private final Runnable afterStop;
    private final SettingsReloader reloader;
    private DataRootLock lock;
    private boolean pidfileWritten;
    private boolean shutDown;

    /**
     * @param config berthd's settings
     * @param pid berthd's pid (written to the lock and pid files)
     * @param launcher starts one service process
     */
    public Daemon(DaemonConfig config, long pid, Supervisor.Launcher launcher) {
        this(config, pid, launcher, () -> { }, () -> { });
    }

    /**
     * @param config berthd's settings
     * @param pid berthd's pid (written to the lock and pid files)
     * @param launcher starts one service process
     * @param onReady runs once every service is ready (on berthd's main thread; must return quickly)
     * @param afterStop runs in {@link #shutdown} once every service has stopped and the lock is released
     */
    public Daemon(DaemonConfig config, long pid, Supervisor.Launcher launcher, Runnable onReady, Runnable afterStop) {
        this.config = config;
        this.pid = pid;
        this.onReady = onReady;
        this.afterStop = afterStop;
        this.supervisor = new Supervisor(java.util.Arrays.stream(ServiceKind.values())
                .filter(config.links()::local).toList(), launcher, this::probe, READY_TIMEOUT,
                STOP_GRACE, RestartPolicy::standard);
        this.reloader = new SettingsReloader(config, supervisor::pids);
    }

    /**
     * @param config berthd's settings
     * @param jvm how to launch a service JVM
     * @return the launcher berthd uses: the contract's command line, output to {@code <exec-root>/logs/<service>.log}
     */
    public static Supervisor.Launcher jvmLauncher(DaemonConfig config, JvmLauncher jvm) {
        return kind -> {
            Files.deleteIfExists(config.socket(kind));
            return ServiceProcess.launch(kind, jvm.command(kind, config), config.logFile(kind));
        };
    }

    /**
     * Runs berthd until it must give up. Returns only on failure; a normal stop happens through
     * {@link #shutdown} on SIGTERM/SIGINT. The caller calls {@link #shutdown} after a failure.
     *
     * @return the exit status (1)
     * @throws IOException if a root directory cannot be created
     */
    public int run() throws IOException {
        Optional<String> refusal = prepare();
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            return 1;
        }
        try {
            supervisor.startAll();
        } catch (StartupException e) {
            System.err.println("berthd: " + e.getMessage());
            if (e.log() != null) {
                System.err.print(LogTail.lastLines(e.log(), 20));
            }
            return 1;
        }
        LOG.info("berthd ready: serving the Docker API on {} (data root {}, exec root {}, storage driver {})",
                config.hosts(), config.dataRoot(), config.execRoot(), config.storageDriver());
        onReady.run();
        try {
            String reason = supervisor.fatal().get();
            System.err.println("berthd: " + reason);
            leaveContainersRunning();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("supervision failed", e);
        }
        return 1;
    }

    /**
     * Giving up must not tear containers down: they run under their own conmon and the next berthd re-attaches
     * them. The marker makes the engine's stop (SIGTERM from {@link #shutdown}) leave them running.
     */
    private void leaveContainersRunning() {
        try {
            ContainersOutliveServices.request(config.execRoot(), "berthd gave up on a crashing service");
            System.err.println("berthd: stopping the services and leaving every container running; a new berthd on "
                    + "data root " + config.dataRoot() + " re-attaches them");
        } catch (IOException e) {
            System.err.println("berthd: cannot write " + config.execRoot().resolve(ContainersOutliveServices.MARKER)
                    + " (" + e.getMessage() + "): the engine will stop the containers");
        }
    }

    /**
     * {@code live-restore}: dockerd with it leaves the containers running when it stops (moby daemon.go
     * {@code Shutdown} skips {@code cleanupContainer} when {@code configStore.LiveRestoreEnabled}), and the next
     * dockerd restores them; without it dockerd stops every running container at shutdown, as berthd does by
     * default. berth's containers run under their own conmon, so live-restore only means: write the marker so that
     * the engine detaches instead of stopping them.
     */
    private void liveRestore() {
        try {
            ContainersOutliveServices.request(config.execRoot(), "live-restore: berthd stopped");
            LOG.info("live-restore is on: leaving every container running; a new berthd on data root {} re-attaches "
                    + "them", config.dataRoot());
        } catch (IOException e) {
            LOG.error("live-restore: cannot write {} ({}): the engine will stop the containers",
                    config.execRoot().resolve(ContainersOutliveServices.MARKER), e.getMessage());
        }
    }

    /**
     * Takes what berthd needs before starting anything: the roots, the lock, the pid file, free sockets.
     *
     * @return a refusal message if another berthd or daemon is in the way; nothing was changed then
     * @throws IOException if a directory or file cannot be created
     */
    Optional<String> prepare() throws IOException {
        // First the check that needs no file of ours, so a refusal leaves the disk exactly as it was.
        for (HostAddress h : config.hosts()) {
            if (h.isUnix() && answers(h)) {
                return Optional.of("berthd: " + h.spec() + " is already served by another daemon");
            }
        }
        PrivateDirs.create(config.dataRoot(), PrivateDirs.OWNER_GROUP_TRAVERSE); // dockerd's 0710
        Optional<DataRootLock> l = DataRootLock.tryAcquire(config.lockFile(), pid);
        if (l.isEmpty()) {
            return Optional.of(DataRootLock.refusal(config.lockFile(), config.dataRoot()));
        }
        synchronized (this) {
            lock = l.get();
        }
        PrivateDirs.create(config.execRoot());
        LeftoverServices.awaitGone(config.execRoot(), STOP_GRACE); // a killed berthd's services stop by themselves
        ContainersOutliveServices.clear(config.execRoot()); // a former berthd's give-up is over
        PrivateDirs.create(config.logDir());
        reloader.writeInitial();
        reloader.installSignalHandler();
        try {
            PidFile.write(config.pidfile(), pid);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        synchronized (this) {
            pidfileWritten = true;
        }
        return Optional.empty();
    }

    /**
     * Stops every service in order (gateway, engine, storage, monitor), removes the pid file and the sockets,
     * and releases the lock. Idempotent and safe from the shutdown hook.
     */
    public void shutdown() {
        boolean prepared;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            prepared = lock != null;
        }
        if (!prepared) {
            supervisor.stopAll(); // nothing runs yet; this only keeps anything from starting now
            return;
        }
        LOG.info("berthd shutting down");
        if (reloader.current().liveRestore()) {
            liveRestore();
        }
        supervisor.stopAll();
        cleanUp();
        afterStop.run();
        LOG.info("berthd stopped");
    }

    /** @return what handles SIGHUP (for tests) */
    SettingsReloader reloader() {
        return reloader;
    }

    /** @return the supervisor (for tests and diagnostics) */
    Supervisor supervisor() {
        return supervisor;
    }

    private synchronized void cleanUp() {
        if (lock == null) {
            return;
        }
        // Only a berthd that got past every check owns the sockets and the pid file.
        if (pidfileWritten) {
            for (ServiceKind k : ServiceKind.values()) {
                deleteQuietly(config.socket(k));
            }
            for (HostAddress h : config.hosts()) {
                if (h.isUnix() && Files.exists(h.path()) && !answers(h)) {
                    deleteQuietly(h.path());
                }
            }
            deleteQuietly(config.settingsFile());
            PidFile.remove(config.pidfile(), pid);
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("cannot release {}: {}", config.lockFile(), e.toString());
        }
        lock = null;
    }

    private ReadinessProbe probe(ServiceKind kind) {
        if (kind.servesGrpc()) {
            return new SocketProbe(config.socket(kind));
        }
        return new PingProbe(config.gatewayInternalSocket(), Duration.ofSeconds(2));
    }

    private static boolean answers(HostAddress unix) {
        if (!Files.exists(unix.path())) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(unix.family())) {
            return ch.connect(unix.socketAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot remove {}: {}", p, e.toString());
        }
    }
}
