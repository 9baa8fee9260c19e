package io.berth.daemon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts the back-end services together (their gRPC clients connect lazily, so none needs another up first),
 * waits for each to be ready, then starts the front service (the gateway) last; restarts one that
 * dies (with the back-off of its {@link RestartPolicy}); gives up when one keeps crashing; stops them all
 * in reverse order. Thread-safe: start-up runs on berthd's main thread, restarts on the supervisor's own
 * thread, {@link #stopAll} on the shutdown hook's.
 */
public final class Supervisor {
    /** Launches one service process. */
    @FunctionalInterface
    public interface Launcher {
        /**
         * @param kind which service
         * @return the started process
         * @throws IOException if it cannot be started
         */
        ServiceProcess launch(ServiceKind kind) throws IOException;
    }

    private static final Logger LOG = LogManager.getLogger(Supervisor.class);
    /** Pause between two readiness probes of a starting service (a probe costs one connect(2)). */
    private static final Duration POLL = Duration.ofMillis(10);

    private final List<ServiceKind> order;
    private final Launcher launcher;
    private final Function<ServiceKind, ReadinessProbe> probes;
    private final Duration readyTimeout;
    private final Duration stopGrace;
    private final Map<ServiceKind, RestartPolicy> policies = new EnumMap<>(ServiceKind.class);
    private final Map<ServiceKind, ServiceProcess> children = new EnumMap<>(ServiceKind.class);
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "supervisor");
        t.setDaemon(true);
        return t;
    });
    private boolean stopping;

    /**
     * @param order the services in start order
     * @param launcher starts one service
     * @param probes the readiness probe of each service
     * @param readyTimeout how long a service may take to become ready
     * @param stopGrace how long a service gets between SIGTERM and SIGKILL
     * @param policy makes the restart policy of each service
     */
    public Supervisor(List<ServiceKind> order, Launcher launcher, Function<ServiceKind, ReadinessProbe> probes,
                      Duration readyTimeout, Duration stopGrace, Supplier<RestartPolicy> policy) {
        this.order = List.copyOf(order);
        this.launcher = launcher;
        this.probes = probes;
        this.readyTimeout = readyTimeout;
        this.stopGrace = stopGrace;
        order.forEach(k -> policies.put(k, policy.get()));
    }

    /**
     * Launches every service at once and waits for each to be ready, in order, so that start-up takes one JVM
     * start-up, not four. The gateway (last) binds its {@code -H} sockets only once the services behind it
     * answer (api-gateway's {@code GatewayMain}), so its {@code GET /_ping} answering still means the whole
     * daemon is ready. On failure the services already started are left running: the caller stops them with
     * {@link #stopAll}.
     *
     * @throws StartupException naming the service that failed and its log
     */
    public void startAll() throws StartupException {
        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceKind k : order) {
            started.add(launch(k));
        }
        for (ServiceProcess p : started) {
            awaitReadyAndWatch(p);
        }
    }

    /** @return completes with a message when berthd must give up (a service keeps crashing) */
    public CompletableFuture<String> fatal() {
        return fatal;
    }

    /** @return the pids of the running services, by service */
    public synchronized Map<ServiceKind, Long> pids() {
        Map<ServiceKind, Long> m = new EnumMap<>(ServiceKind.class);
        children.forEach((k, p) -> m.put(k, p.pid()));
        return m;
    }

    /**
     * Stops every service, in reverse start order (gateway, engine, storage, monitor), each with SIGTERM and
     * SIGKILL after the grace period. Idempotent; no service is started or restarted afterwards.
     */
    public void stopAll() {
        List<ServiceProcess> running;
        synchronized (this) {
            stopping = true;
            running = new ArrayList<>();
            List<ServiceKind> reverse = new ArrayList<>(order);
            Collections.reverse(reverse);
            for (ServiceKind k : reverse) {
                ServiceProcess p = children.remove(k);
                if (p != null) {
                    running.add(p);
                }
            }
        }
        restarts.shutdownNow();
        for (ServiceProcess p : running) {
            int status = p.stop(stopGrace);
            LOG.info("{} stopped (status {})", p.kind().processName(), status);
        }
    }

    private void startOne(ServiceKind kind) throws StartupException {
        awaitReadyAndWatch(launch(kind));
    }

    private synchronized ServiceProcess launch(ServiceKind kind) throws StartupException {
        if (stopping) {
            throw new StartupException("berthd is shutting down", null);
        }
        try {
            ServiceProcess p = launcher.launch(kind);
            children.put(kind, p);
            return p;
        } catch (IOException e) {
            throw new StartupException("cannot start " + kind.processName() + ": " + e.getMessage(), null);
        }
    }

    private void awaitReadyAndWatch(ServiceProcess p) throws StartupException {
        awaitReady(p);
        LOG.info("{} is ready (pid {})", p.kind().processName(), p.pid());
        p.onExit().thenRun(() -> exited(p));
    }

    private void awaitReady(ServiceProcess p) throws StartupException {
        ReadinessProbe probe = probes.apply(p.kind());
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (true) {
            synchronized (this) {
                if (stopping) {
                    throw new StartupException("berthd is shutting down", null);
                }
            }
            if (!p.isAlive()) {
                throw new StartupException(p.kind().processName() + " exited with status " + p.exitValue()
                        + " during start-up; see its log " + p.logFile(), p.logFile());
            }
            if (probe.isReady()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(p.kind().processName() + " did not become ready within "
                        + readyTimeout.toSeconds() + " s; see its log " + p.logFile(), p.logFile());
            }
            sleep(POLL);
        }
    }

    private void exited(ServiceProcess p) {
        synchronized (this) {
            if (stopping || children.get(p.kind()) != p) {
                return;
            }
            children.remove(p.kind());
        }
        LOG.error("{} (pid {}) exited unexpectedly with status {}; see its log {}", p.kind().processName(),
                p.pid(), p.exitValue(), p.logFile());
        scheduleRestart(p.kind());
    }

    private void scheduleRestart(ServiceKind kind) {
        Optional<Duration> delay;
        synchronized (this) {
            delay = policies.get(kind).onCrash(Instant.now());
        }
        if (delay.isEmpty()) {
            fatal.complete(kind.processName() + " keeps crashing; giving up (see its log)");
            return;
        }
        LOG.info("restarting {} in {} ms", kind.processName(), delay.get().toMillis());
        try {
            restarts.schedule(() -> restart(kind), delay.get().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not restarting {}: berthd is stopping", kind.processName());
        }
    }

    private void restart(ServiceKind kind) {
        try {
            startOne(kind);
            LOG.info("{} restarted", kind.processName());
        } catch (StartupException e) {
            ServiceProcess failed;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                failed = children.remove(kind);
            }
            if (failed != null) {
                failed.stop(stopGrace);
            }
            LOG.error("restart failed: {}", e.getMessage());
            scheduleRestart(kind);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
