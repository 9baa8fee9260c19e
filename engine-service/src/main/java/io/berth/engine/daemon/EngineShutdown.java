package io.berth.engine.daemon;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.health.HealthMonitor;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.service.ContainerStopper;
import io.berth.engine.service.RestartTimer;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.LogWatch;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The engine's clean stop: stops every running container in parallel (its stop signal, SIGKILL after its
 * StopTimeout capped at {@value #MAX_STOP_SECONDS} s; the exit handler then drains its log, records the
 * exit and unmounts it), unmounts any rootfs still mounted, removes the empty parent cgroup
 * ({@link CgroupParent}), and stops the watcher and the log poller; or ({@link #detach}) leaves them running.
 */
@Singleton
public final class EngineShutdown {
    private static final Logger LOG = LogManager.getLogger(EngineShutdown.class);
    /** Upper bound of the stop timeout at shutdown, seconds. */
    public static final int MAX_STOP_SECONDS = 10;

    private final EngineConfig config;
    private final ContainerStore store;
    private final ContainerStopper stopper;
    private final RootfsMounter mounter;
    private final ExitWatcher watcher;
    private final LogWatch poller;
    private final RestartTimer restarts;
    private final HealthMonitor health;

    /**
     * @param config paths
     * @param store the container index
     * @param stopper stop
     * @param mounter rootfs mounts
     * @param watcher exit watch
     * @param poller log poller
     * @param restarts the pending restarts (closed first)
     * @param health the healthchecks (stopped first)
     */
    @Inject
    public EngineShutdown(EngineConfig config, ContainerStore store, ContainerStopper stopper,
                          RootfsMounter mounter, ExitWatcher watcher, LogWatch poller, RestartTimer restarts,
                          HealthMonitor health) {
        this.config = config;
        this.store = store;
        this.stopper = stopper;
        this.mounter = mounter;
        this.watcher = watcher;
        this.poller = poller;
        this.restarts = restarts;
        this.health = health;
    }

    /** Stops all containers and releases every mount; never throws. */
    public void run() {
        restarts.close(); // exits from here on are final: the next engine start applies the restart policies
        health.close();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Container c : store.all()) {
            if (c.record().state().isRunning()) {
                int t = Math.min(c.record().stopTimeoutSeconds(), MAX_STOP_SECONDS);
                stops.add(CompletableFuture.runAsync(() -> stop(c, t)));
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(MAX_STOP_SECONDS + 40L, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("not every container stopped cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Container c : store.all()) {
            mounter.unmount(config.bundle(c.id()).rootfs());
        }
        if (store.all().stream().noneMatch(c -> c.record().state().isRunning())) {
            CgroupParent.removeIfEmpty(config, java.nio.file.Path.of("/sys/fs/cgroup"));
        }
        watcher.close();
        poller.close();
    }

    /**
     * The engine's stop that leaves containers running (berthd is gone or gave up: common's
     * {@code ContainersOutliveServices}): no pending restart or healthcheck runs any more, conmon keeps writing each
     * container's log, and nothing of a running container is touched (its process, conmon,
     * rootfs mount, cgroup and runc state stay for the next engine's {@link ContainerRecovery}). Never throws.
     */
    public void detach() {
        restarts.close();
        health.close();
        watcher.close();
        poller.close(); // conmon writes the logs itself: nothing to drain
        long running = store.all().stream().filter(c -> c.record().state().isRunning()).count();
        LOG.info("engine detached from {} running container(s); they keep running under their conmon", running);
    }

    private void stop(Container c, int timeout) {
        try {
            LOG.info("stopping container {} (timeout {} s)", c.id(), timeout);
            stopper.stop(c.id(), timeout, false);
            // stop returns once the exit is recorded; AutoRemove may still be running.
            c.exitFuture().get(5, TimeUnit.SECONDS);
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warn("cannot stop container {}: {}", c.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
