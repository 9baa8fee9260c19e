package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.health.HealthMonitor;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.exec.ExecStore;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.runtime.RuncClient;
import io.berth.engine.runtime.RuntimeCleanup;
import io.berth.engine.runtime.Signals;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.volume.VolumeService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Removes containers (Docker's {@code DELETE /containers/{id}}, Engine API 1.41): a running container
 * only with force (SIGKILL, then wait for its exit); then the snapshot (storage service), the bundle,
 * the json-file log and the record; publishes {@code destroy} and completes every waiter.
 */
@Singleton
public final class ContainerRemover {
    private static final Logger LOG = LogManager.getLogger(ContainerRemover.class);
    private static final long EXIT_WAIT_SECONDS = 30;

    private final ContainerIo io;
    private final EngineConfig config;
    private final ContainerStore store;
    private final ExecStore execs;
    private final ContainerRecordFiles files;
    private final SnapshotClient snapshots;
    private final RuncClient runc;
    private final RootfsMounter mounter;
    private final RuntimeCleanup cleanup;
    private final ExitWatcher watcher;
    private final ContainerEvents events;
    private final RestartTimer restarts;
    private final HealthMonitor health;
    private final VolumeService volumes;
    private final ContainerPauser pauser;

    /**
     * @param io the containers' live output and stdin
     * @param config paths
     * @param store the container index
     * @param files record persistence
     * @param snapshots the storage service's snapshots
     * @param runc runc (to kill)
     * @param mounter rootfs mounts
     * @param cleanup runc state and mounts
     * @param watcher exit files
     * @param events event publishing
     * @param execs the exec instances (a removed container's are dropped)
     * @param restarts the pending restarts (a removed container's is cancelled)
     * @param health the healthchecks (a removed container's end)
     * @param volumes the volumes (a removed container's references end; rm -v removes its anonymous ones)
     * @param pauser thaws a paused container after the SIGKILL of a forced removal
     */
    @Inject
    public ContainerRemover(ContainerIo io, EngineConfig config, ContainerStore store, ContainerRecordFiles files,
                            SnapshotClient snapshots, RuncClient runc, RootfsMounter mounter, RuntimeCleanup cleanup,
                            ExitWatcher watcher, ContainerEvents events, ExecStore execs,
                            RestartTimer restarts, HealthMonitor health, VolumeService volumes,
                            ContainerPauser pauser) {
        this.volumes = volumes;
        this.pauser = pauser;
        this.io = io;
        this.config = config;
        this.store = store;
        this.execs = execs;
        this.files = files;
        this.snapshots = snapshots;
        this.runc = runc;
        this.mounter = mounter;
        this.cleanup = cleanup;
        this.watcher = watcher;
        this.events = events;
        this.restarts = restarts;
        this.health = health;
    }

    /**
     * Removes a container as dockerd's {@code ContainerRm}: the removal is claimed first, so of concurrent
     * removals of one container exactly one proceeds; the others fail at once with 409 "removal of container
     * &lt;ref&gt; is already in progress" (or 404 once it is gone).
     *
     * @param ref ID, name or unique ID prefix
     * @param force kill a running (or paused) container first
     * @param removeVolumes also remove its anonymous volumes that no other container uses ({@code rm -v})
     * @throws NotFoundException "No such container: <ref>"
     * @throws ConflictException Docker's text for a running or paused container without force, or a removal
     *     in progress
     */
    public void remove(String ref, boolean force, boolean removeVolumes) {
        Container c = store.get(ref);
        if (!c.claimRemoval()) {
            throw new ConflictException("removal of container " + ref + " is already in progress");
        }
        try {
            if (c.record().state().isRestarting()) {
                if (!force) {
                    throw new ConflictException("You cannot remove a restarting container " + c.id()
                            + ". Stop the container before attempting removal or force remove");
                }
                c.lock().lock();
                try {
                    restarts.cancel(c);
                } finally {
                    c.lock().unlock();
                }
            }
            if (c.record().state().isRunning()) {
                if (!force) {
                    throw runningConflict(c.record());
                }
                killAndWait(c);
            }
            removeClaimed(c, removeVolumes);
        } catch (RuntimeException e) {
            c.abortRemoval();
            throw e;
        }
    }

    /**
     * Removes a container that is not running (also used for AutoRemove). Returns at once if another
     * caller is removing it already.
     *
     * @param c the container
     * @param removeVolumes also remove its anonymous volumes (AutoRemove does, as dockerd's)
     * @return true if this call removed it, false if another caller is removing it
     * @throws ConflictException if it was started again meanwhile
     */
    public boolean removeStopped(Container c, boolean removeVolumes) {
        if (!c.claimRemoval()) {
            return false;
        }
        try {
            removeClaimed(c, removeVolumes);
            return true;
        } catch (RuntimeException e) {
            c.abortRemoval();
            throw e;
        }
    }

    private void removeClaimed(Container c, boolean removeVolumes) {
        c.lock().lock();
        try {
            restarts.cancel(c);
            health.stop(c.id());
            ContainerRecord r = c.record();
            if (r.state().isRunning()) {
                throw runningConflict(r);
            }
            files.markRemoving(c.id());
            cleanup.release(c.id());
            removeSnapshot(c.id());
            deleteFiles(c.id());
            store.remove(c);
            volumes.release(r, removeVolumes);
            execs.removeContainer(c.id());
            io.output(c).closeForGood();
            events.publish(r, "destroy");
            LOG.info("removed container {}", c.id());
            c.waiters().completeRemoved(r.state().exitCode());
            c.removedFuture().complete(null);
        } finally {
            c.lock().unlock();
        }
    }

    /** moby daemon/delete.go: "You cannot remove a running|paused container ...". */
    private static ConflictException runningConflict(ContainerRecord r) {
        String procedure = "Stop the container before attempting removal or force remove";
        if (r.state().isPaused()) {
            procedure = "Unpause and then stop the container before attempting removal or force remove";
        }
        return new ConflictException("You cannot remove a " + r.state().status() + " container " + r.id() + ". "
                + procedure);
    }

    /**
     * Finishes a removal that a crash cut short ({@link ContainerRecordFiles#isMarkedRemoving}), at the engine's
     * start before it serves: runc state, mounts, snapshot, bundle and files go, volume references end (its
     * anonymous volumes stay, as after a removal without {@code -v}) and {@code destroy} is published.
     *
     * @param r the record of the container (not in the store)
     * @throws RuntimeException if the storage service cannot remove the snapshot (the record stays, marked)
     */
    public void finishInterruptedRemoval(ContainerRecord r) {
        cleanup.release(r.id());
        removeSnapshot(r.id());
        deleteFiles(r.id());
        volumes.release(r, false);
        events.publish(r, "destroy");
        LOG.info("finished the interrupted removal of container {}", r.id());
    }

    private void removeSnapshot(String id) {
        try {
            snapshots.remove(id);
        } catch (NotFoundException e) {
            LOG.debug("snapshot {} was already gone", id);
        }
    }

    private void deleteFiles(String id) {
        var bundle = config.bundle(id);
        if (mounter.isMounted(bundle.rootfs())) {
            // Never delete through a mounted rootfs: that would delete the container's files.
            LOG.warn("rootfs of {} is still mounted; leaving the bundle", id);
        } else {
            try {
                bundle.delete();
            } catch (IOException e) {
                LOG.warn("cannot delete bundle of {}: {}", id, e.getMessage());
            }
        }
        watcher.clearExitFile(id);
        deleteConmonSocketLink(id);
        files.delete(id);
    }

    /** conmon links {@code <exec-root>/conmon/socks/<id>} to the bundle (short socket paths); it outlives conmon. */
    private void deleteConmonSocketLink(String id) {
        try {
            Files.deleteIfExists(config.socketDir().resolve(id));
        } catch (IOException e) {
            LOG.warn("cannot remove conmon socket link of {}: {}", id, e.getMessage());
        }
    }

    private void killAndWait(Container c) {
        try {
            runc.kill(c.id(), Signals.SIGKILL, new RuncClient.KillOptions(false));
            events.kill(c.record(), Signals.SIGKILL);
        } catch (RuntimeException e) {
            LOG.debug("kill before removal of {}: {}", c.id(), e.getMessage());
        }
        pauser.resumeAfterSignal(c);
        try {
            c.exitFuture().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new InternalException("Could not kill running container " + c.id() + ", cannot remove");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while removing " + c.id(), e);
        }
    }

}
