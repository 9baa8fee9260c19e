package io.berth.engine.daemon;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.RestartPolicy;
import io.berth.engine.health.HealthMonitor;
import io.berth.engine.runtime.ProcessCheck;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.service.ContainerStarter;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.RunWatch;
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
 * Reloads containers at engine start-up (containers outlive an engine restart under conmon). Every record
 * is indexed again; a container recorded as running whose conmon is still alive gets its log follower,
 * exit watch and (with {@code OpenStdin}) stdin back (the follower resumes at its saved offset); one whose
 * conmon is gone is handed to the exit listener with the code from its exit file, or 255 if there is none.
 * A stopped container's rootfs left mounted is unmounted. Then the restart policies apply as at dockerd's
 * start ({@code RestartPolicy.startsWithEngine}): a container left "restarting" by the last engine, and a
 * stopped "always" one, an "unless-stopped" one not stopped through the API and an "on-failure" one whose last
 * exit was non-zero (with retries left) are started, in parallel, before the engine serves requests.
 */
@Singleton
public final class ContainerRecovery {
    private static final Logger LOG = LogManager.getLogger(ContainerRecovery.class);
    /** How long the engine's start waits for the starts by restart policies, seconds. */
    private static final long START_WAIT_SECONDS = 60;

    private final EngineConfig config;
    private final ContainerRecordFiles files;
    private final ContainerStore store;
    private final RunWatch watch;
    private final ExitWatcher watcher;
    private final RootfsMounter mounter;
    private final ContainerStarter starter;
    private final HealthMonitor health;

    /**
     * @param config paths
     * @param files record persistence
     * @param store the container index
     * @param watch the watch over a run (log, exit, stdin)
     * @param watcher exit watch (exit files of containers that died meanwhile)
     * @param mounter rootfs mounts
     * @param starter the starts by the restart policies
     * @param health the healthchecks of re-attached containers
     */
    @Inject
    public ContainerRecovery(EngineConfig config, ContainerRecordFiles files, ContainerStore store, RunWatch watch,
                             ExitWatcher watcher, RootfsMounter mounter, ContainerStarter starter,
                             HealthMonitor health) {
        this.config = config;
        this.files = files;
        this.store = store;
        this.watch = watch;
        this.watcher = watcher;
        this.mounter = mounter;
        this.starter = starter;
        this.health = health;
    }

    /**
     * Loads and re-attaches every container. Call once, after {@link ExitWatcher#start}.
     *
     * @param onExit where the exits of containers that died meanwhile go (synchronously)
     * @return the number of containers loaded
     */
    public int recover(ExitWatcher.Listener onExit) {
        List<Container> dead = new ArrayList<>();
        List<Container> toStart = new ArrayList<>();
        List<ContainerRecord> records = files.loadAll();
        for (ContainerRecord r : records) {
            Container c = new Container(r);
            store.add(c);
            if (!r.state().isRunning()) {
                mounter.unmount(config.bundle(r.id()).rootfs());
                if (r.state().isRestarting() || (r.state().status().equals(ContainerState.EXITED)
                        && RestartPolicy.of(r.hostConfig()).startsWithEngine(r.state().exitCode(),
                        r.state().manuallyStopped(), r.restartCount()))) {
                    toStart.add(c);
                }
                continue;
            }
            c.beginRun();
            if (ProcessCheck.isConmonAlive(r.state().conmonPid())) {
                LOG.info("re-attaching to running container {}", r.id());
                watch.follow(c, config.bundle(r.id()));
                health.start(c);
            } else {
                dead.add(c);
            }
        }
        for (Container c : dead) {
            int code = watcher.readExitCode(c.id()).orElse(ExitWatcher.UNKNOWN_EXIT);
            LOG.info("container {} exited while the engine was down (exit code {})", c.id(), code);
            onExit.onExit(c.id(), code);
        }
        startByPolicy(toStart);
        return records.size();
    }

    private void startByPolicy(List<Container> containers) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Container c : containers) {
            LOG.info("starting container {} for its restart policy {}", c.id(), c.record().hostConfig()
                    .getRestartPolicy());
            starts.add(CompletableFuture.runAsync(() -> starter.restartByPolicy(c, false)));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("not every container was started for its restart policy: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
