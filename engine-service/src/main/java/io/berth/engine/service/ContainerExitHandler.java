package io.berth.engine.service;

import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.RestartPolicy;
import io.berth.engine.health.HealthMonitor;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.runtime.OomCheck;
import io.berth.engine.network.ports.HostPortReservations;
import io.berth.engine.runtime.RuntimeCleanup;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.LogWatch;
import io.berth.engine.volume.VolumeService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Handles a container run's exit, once per run, in this order: (1) stop its log watch and end every
 * attach/follow stream (conmon wrote all output before the exit file; the readers drain on their own threads),
 * (2) record the exit, under the container's lock: read the cgroup's OOM counter ({@link OomCheck}), state exited
 * (or "restarting" when its restart policy restarts it; RestartCount + 1), exit code, FinishedAt (the exit
 * file's mtime), OOMKilled; publish {@code oom} if it was OOM-killed, then {@code die} with {@code exitCode};
 * complete the exit waiters; then {@code runc delete}, unmount the rootfs and the volumes (event
 * {@code unmount}), save the record, and schedule the restart after the policy's back-off ({@link RestartTimer};
 * the restart publishes {@code start}, as dockerd's die → start), (3) end the attach clients' stdin, (4) for an
 * AutoRemove container remove it (which completes the "removed" waiters). Issue 12: inspect, {@code docker wait}
 * and {@code rm -f} reflect the exit within 100 ms of the death, so nothing slow comes before (2)'s waiters.
 */
@Singleton
public final class ContainerExitHandler implements ExitWatcher.Listener {
    private static final Logger LOG = LogManager.getLogger(ContainerExitHandler.class);

    private final ContainerIo io;
    private final EngineConfig config;
    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final ExitWatcher watcher;
    private final LogWatch logs;
    private final RuntimeCleanup cleanup;
    private final ContainerEvents events;
    private final ContainerRemover remover;
    private final Clock clock;
    private final OomCheck oom;
    private final RestartTimer restarts;
    private final ContainerStarter starter;
    private final HealthMonitor health;
    private final VolumeService volumes;
    private final HostPortReservations ports;

    /**
     * @param io the containers' live output and stdin
     * @param config paths and the cgroup parent
     * @param store the container index
     * @param files record persistence
     * @param watcher the exit watcher (to stop watching)
     * @param logs the log watch
     * @param cleanup runc state and mounts
     * @param events event publishing
     * @param remover removal, for AutoRemove
     * @param clock the time source
     * @param oom the cgroup's OOM counter
     * @param restarts the pending restarts
     * @param starter the restart of a container by its policy
     * @param health the healthchecks (a stopped container's end)
     * @param volumes the container's volumes (unmounted after the run)
     * @param ports the host ports of published ports (released at the exit)
     */
    @Inject
    public ContainerExitHandler(ContainerIo io, EngineConfig config, ContainerStore store, ContainerRecordFiles files, ExitWatcher watcher,
                                LogWatch logs, RuntimeCleanup cleanup, ContainerEvents events,
                                ContainerRemover remover, Clock clock, OomCheck oom, RestartTimer restarts,
                                ContainerStarter starter, HealthMonitor health, VolumeService volumes,
                                HostPortReservations ports) {
        this.ports = ports;
        this.volumes = volumes;
        this.io = io;
        this.config = config;
        this.store = store;
        this.files = files;
        this.watcher = watcher;
        this.logs = logs;
        this.cleanup = cleanup;
        this.events = events;
        this.remover = remover;
        this.clock = clock;
        this.oom = oom;
        this.restarts = restarts;
        this.starter = starter;
        this.health = health;
    }

    @Override
    public void onExit(String containerId, int exitCode) {
        Container c = store.find(containerId).filter(x -> x.id().equals(containerId)).orElse(null);
        if (c == null || !c.claimExit()) {
            return;
        }
        watcher.unwatch(containerId);
        health.stop(containerId);
        logs.stop(c);
        // conmon wrote all output before the exit file; the readers' last drain runs on their own threads
        io.output(c).close();
        ContainerRecord r = recordExit(c, exitCode);
        io.stdin(c).disconnect(); // after the state is "exited": see ContainerStdin
        c.exitFuture().complete(exitCode);
        if (r != null && r.hostConfig().getAutoRemove() && !r.state().isRestarting() && !c.isRestartingByUser()) {
            try {
                remover.removeStopped(c, true);
            } catch (RuntimeException e) {
                LOG.error("cannot auto-remove container {}: {}", containerId, e.getMessage());
            }
        }
    }

    /**
     * Records the exit under the container's lock. What clients see comes first: the state (inspect reads it
     * without the lock), {@code oom}/{@code die}, the exit waiters ({@code docker wait}, {@code docker run});
     * the slow host work comes after, still under the lock, so a start, exec or removal waits for it: {@code runc
     * delete} (a process: 20 ms idle, 100-400 ms on a loaded 2-core machine), the rootfs and volume unmounts
     * ({@code unmount} events after {@code die}, as dockerd's Cleanup) and the record's fsync. An engine killed in
     * between leaves a record saying running with conmon's exit file written, which {@code ContainerRecovery}
     * turns into the same exit, and runc state and mounts, which it releases.
     */
    private ContainerRecord recordExit(Container c, int exitCode) {
        c.lock().lock();
        try {
            if (!c.record().state().isRunning()) {
                return null;
            }
            long t0 = System.nanoTime();
            // before runc delete, which removes the cgroup
            boolean oomKilled = oom.oomKilled(config.cgroupsPath(c.id(), c.record().hostConfig().getCgroupParent()));
            // FinishedAt: when conmon recorded the exit (it may have happened while no engine ran).
            Instant now = clock.instant();
            Instant exitedAt = watcher.exitFileTime(c.id()).filter(t -> !t.isAfter(now)).orElse(now);
            ContainerRecord before = c.record();
            boolean restart = restarts.accepting() && !c.isRemoving() && RestartPolicy.of(before.hostConfig())
                    .restartsAfterExit(exitCode, before.state().manuallyStopped(), before.restartCount());
            ContainerRecord r = c.update(x -> restart
                    ? x.withState(x.state().restarting(exitCode, exitedAt, oomKilled))
                            .withRestartCount(x.restartCount() + 1)
                    : x.withState(x.state().exited(exitCode, exitedAt, oomKilled)));
            if (oomKilled) {
                events.publish(r, "oom");
            }
            events.die(r, exitCode);
            c.waiters().completeExit(exitCode);
            long t1 = System.nanoTime();
            cleanup.release(c.id());
            ports.release(c.id());
            volumes.unmount(r);
            long t2 = System.nanoTime();
            try {
                files.save(r);
            } catch (RuntimeException e) {
                LOG.error("cannot save the exit of {}: {}", c.id(), e.getMessage());
            }
            long t3 = System.nanoTime();
            LOG.info("container {} exited with code {}{} (exit file {} ms old when it was shown; then runc delete"
                    + " and unmounts {} ms, record {} ms)", c.id(), exitCode, oomKilled ? " (OOM-killed)" : "",
                    Duration.between(exitedAt, now).toMillis() + (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000);
            if (restart) {
                long ran = before.state().startedAt() == null ? 0
                        : Duration.between(before.state().startedAt(), exitedAt).toMillis();
                long delay = c.restartBackoff().next(ran);
                LOG.info("restarting container {} in {} ms (restart {})", c.id(), delay, r.restartCount());
                restarts.schedule(c, delay, () -> starter.restartByPolicy(c));
            }
            return r;
        } finally {
            c.lock().unlock();
        }
    }
}
