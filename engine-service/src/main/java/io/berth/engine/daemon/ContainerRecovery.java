package io.berth.engine.daemon;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.RestartPolicy;
import io.berth.engine.health.HealthMonitor;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.Bundle;
import io.berth.engine.runtime.ProcessCheck;
import io.berth.engine.runtime.RuncClient;
import io.berth.engine.runtime.RuncState;
import io.berth.engine.service.ContainerRemover;
import io.berth.engine.network.EndpointStore;
import io.berth.engine.network.ports.HostPortReservations;
import io.berth.engine.runtime.RuntimeCleanup;
import io.berth.engine.service.ContainerStarter;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.RunWatch;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reloads containers at engine start-up, reconciling the records with what runs (containers outlive an
 * engine, and berthd, under conmon). A record marked for removal is removed (the removal a crash cut short).
 * Every other record is indexed again; a container recorded as not running whose runc state is running (the
 * engine died between {@code runc start} and writing the record) is recorded running with runc's pid and
 * followed, and {@code start} is published; any other run of a not-running container (a {@code runc init}
 * waiting in a created container, its conmon, runc's state, its mounts) is released ({@link RuntimeCleanup#releaseAbandonedRun}).
 * A container recorded as running whose conmon is still alive gets its log follower,
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
    private final ContainerStarter starter;
    private final HealthMonitor health;
    private final RuncClient runc;
    private final RuntimeCleanup runs;
    private final ContainerRemover remover;
    private final ContainerEvents events;
    private final OrphanSweep sweep;
    private final Clock clock;
    private final HostPortReservations ports;
    private final EndpointStore endpoints;

    /**
     * @param config paths
     * @param files record persistence
     * @param store the container index
     * @param watch the watch over a run (log, exit, stdin)
     * @param watcher exit watch (exit files of containers that died meanwhile)
     * @param starter the starts by the restart policies
     * @param health the healthchecks of re-attached containers
     * @param runc runc's state of each container
     * @param runs the release of a run that never became "running"
     * @param remover the end of removals cut short
     * @param events event publishing
     * @param sweep what belongs to no record
     * @param clock the time source
     * @param ports the host ports of running containers (held again)
     * @param endpoints the endpoint records (the port mappings of running containers)
     */
    @Inject
    public ContainerRecovery(EngineConfig config, ContainerRecordFiles files, ContainerStore store, RunWatch watch,
                             ExitWatcher watcher, ContainerStarter starter,
                             HealthMonitor health, RuncClient runc, RuntimeCleanup runs, ContainerRemover remover,
                             ContainerEvents events, OrphanSweep sweep, Clock clock, HostPortReservations ports,
                             EndpointStore endpoints) {
        this.ports = ports;
        this.endpoints = endpoints;
        this.runc = runc;
        this.runs = runs;
        this.remover = remover;
        this.events = events;
        this.sweep = sweep;
        this.clock = clock;
        this.config = config;
        this.files = files;
        this.store = store;
        this.watch = watch;
        this.watcher = watcher;
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
        int loaded = 0;
        for (ContainerRecord r : records) {
            if (files.isMarkedRemoving(r.id())) {
                finishRemoval(r);
                continue;
            }
            loaded++;
            Container c = new Container(r);
            store.add(c);
            if (!r.state().isRunning()) {
                Optional<ContainerRecord> adopted = adopt(c);
                if (adopted.isPresent()) {
                    reacquirePorts(r.id());
                    events.publish(adopted.get(), "start");
                    continue;
                }
                runs.releaseAbandonedRun(r.id());
                if (r.state().isRestarting() || (r.state().status().equals(ContainerState.EXITED)
                        && RestartPolicy.of(r.hostConfig()).startsWithEngine(r.state().exitCode(),
                        r.state().manuallyStopped(), r.restartCount()))) {
                    toStart.add(c);
                }
                continue;
            }
            c.beginRun();
            if (ProcessCheck.isConmonAlive(r.state().conmonPid())) {
                LOG.info("re-attaching to running container {} (pid {})", r.id(), r.state().pid());
                watch.follow(c, config.bundle(r.id()));
                reacquirePorts(r.id());
                health.start(c);
            } else {
                dead.add(c);
            }
        }
        sweep.run(store.all());
        for (Container c : dead) {
            int code = watcher.readExitCode(c.id()).orElse(ExitWatcher.UNKNOWN_EXIT);
            LOG.info("container {} exited while the engine was down (exit code {})", c.id(), code);
            onExit.onExit(c.id(), code);
        }
        startByPolicy(toStart);
        return loaded;
    }

    /**
     * Holds again the host ports of a container that runs on (the sockets closed with the engine that held
     * them): the port mappings of its endpoint records, host ports resolved.
     */
    private void reacquirePorts(String id) {
        ports.reacquire(id, endpoints.load(id).stream().flatMap(a -> a.request().portMappings().stream()).toList());
    }

    /**
     * A container recorded as not running whose process runs: the engine died between {@code runc start} and
     * writing state running. It is running, so it is recorded so, with runc's pid and its conmon's pid (from
     * conmon's pid file), and followed.
     */
    private Optional<ContainerRecord> adopt(Container c) {
        String id = c.id();
        Optional<RuncState> state = runc.state(id);
        if (state.isEmpty() || !(state.get().status().equals("running") || state.get().status().equals("paused"))) {
            return Optional.empty();
        }
        Bundle b = config.bundle(id);
        int conmonPid = RuntimeCleanup.readPid(b.conmonPidFile());
        if (!ProcessCheck.isConmonAlive(conmonPid)) {
            LOG.warn("container {} runs (pid {}) without its conmon: it is killed", id, state.get().pid());
            return Optional.empty();
        }
        LOG.info("container {} was started just before the engine went down: recording it running (pid {})", id,
                state.get().pid());
        ContainerRecord r;
        c.lock().lock(); // Container.update's contract, although nothing else runs before the engine serves
        try {
            c.beginRun();
            r = c.update(x -> {
                var s = x.state().running(state.get().pid(), conmonPid, clock.instant());
                return x.withState(state.get().status().equals("paused") ? s.paused() : s);
            });
            files.save(r);
        } finally {
            c.lock().unlock();
        }
        watch.follow(c, b);
        health.start(c);
        return Optional.of(r);
    }

    private void finishRemoval(ContainerRecord r) {
        try {
            remover.finishInterruptedRemoval(r);
        } catch (RuntimeException e) {
            LOG.error("cannot finish the removal of container {} (it stays, marked for removal): {}", r.id(),
                    e.getMessage());
            store.add(new Container(r));
        }
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
