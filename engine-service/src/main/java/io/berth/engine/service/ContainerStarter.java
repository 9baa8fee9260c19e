package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.Bundle;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.HealthState;
import io.berth.engine.health.HealthMonitor;
import io.berth.engine.health.Healthchecks;
import io.berth.engine.network.ContainerNetworks;
import io.berth.engine.network.DefaultBridge;
import io.berth.engine.network.PortMapping;
import io.berth.engine.network.ports.HostPortReservations;
import io.berth.engine.network.ports.PublishedPorts;
import io.berth.engine.runtime.BundleWriter;
import io.berth.engine.runtime.NamespaceJoins;
import io.berth.engine.runtime.RunLauncher;
import io.berth.engine.runtime.RuntimeCleanup;
import io.berth.engine.watch.RunWatch;
import io.berth.engine.volume.VolumeService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts containers (Docker's {@code POST /containers/{id}/start}, Engine API 1.41): resolves the namespaces it
 * joins ({@link NamespaceModes}), sets up its network ({@link ContainerNetworks}: namespace, {@code lo}, the
 * default bridge), writes the bundle ({@link BundleWriter}: rootfs mount, /etc files, runtime spec), launches the run ({@link RunLauncher}:
 * conmon, which runs {@code runc create}, then {@code runc start}), records state running (Pid,
 * StartedAt), follows the run ({@link RunWatch}: log, exit, stdin) and publishes {@code start}. On failure
 * everything is undone, the container stays "created" (or "exited") with State.Error set, and the caller gets
 * the error.
 */
@Singleton
public final class ContainerStarter {
    private static final Logger LOG = LogManager.getLogger(ContainerStarter.class);

    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final BundleWriter bundles;
    private final RunLauncher launcher;
    private final RunWatch watch;
    private final RuntimeCleanup cleanup;
    private final ContainerEvents events;
    private final ContainerRemover remover;
    private final HealthMonitor health;
    private final VolumeService volumes;
    private final HostPortReservations ports;
    private final ContainerNetworks networks;
    private final io.berth.engine.network.LegacyLinks links;

    /**
     * @param store the container index
     * @param files record persistence
     * @param bundles the bundle of a run
     * @param launcher conmon and runc
     * @param watch the watch over a run (exit, log, stdin)
     * @param cleanup undo of a partial start
     * @param events event publishing
     * @param remover removal of AutoRemove containers whose start failed
     * @param health the healthchecks of running containers
     * @param volumes the container's volumes (mounted before the bundle is written)
     * @param networks the container's network namespace and endpoints (set up before the bundle is written,
     *     released by {@code cleanup})
     * @param ports the host ports of published ports (held before the network is attached, released right after
     *     {@code cleanup} detached it)
     * @param links the legacy links (--link): their variables and /etc/hosts entries go into the bundle
     */
    @Inject
    public ContainerStarter(ContainerStore store, ContainerRecordFiles files, BundleWriter bundles,
                            RunLauncher launcher, RunWatch watch, RuntimeCleanup cleanup, ContainerEvents events,
                            ContainerRemover remover, HealthMonitor health, VolumeService volumes,
                            ContainerNetworks networks, HostPortReservations ports,
                            io.berth.engine.network.LegacyLinks links) {
        this.ports = ports;
        this.links = links;
        this.volumes = volumes;
        this.networks = networks;
        this.store = store;
        this.files = files;
        this.bundles = bundles;
        this.launcher = launcher;
        this.watch = watch;
        this.cleanup = cleanup;
        this.events = events;
        this.remover = remover;
        this.health = health;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @return true if it was running already (Docker's 304)
     * @throws NotFoundException "No such container: <ref>"
     * @throws ConflictException if it is being removed
     * @throws io.berth.common.errors.InvalidArgumentException for a missing executable, user, ...
     * @throws io.berth.common.errors.InternalException when runc or conmon fail otherwise
     */
    public boolean start(String ref) {
        Container c = store.get(ref);
        StartFailures.Failure failure;
        c.lock().lock();
        try {
            if (c.isRemoving()) {
                throw new ConflictException("container " + c.id() + " is marked for removal and cannot be started");
            }
            if (c.record().state().isPaused()) {
                throw new ConflictException("cannot start a paused container, try unpause instead");
            }
            if (c.record().state().isRunningOrRestarting()) {
                return true;
            }
            try {
                // A start by the user: dockerd's ResetRestartManager(true) and HasBeenManuallyStopped = false.
                c.restartBackoff().reset();
                c.update(x -> x.withRestartCount(0).withState(x.state().withManuallyStopped(false)));
                run(c);
                return false;
            } catch (RuntimeException e) {
                failure = StartFailures.classify(e);
                recordFailure(c, failure);
            }
        } finally {
            c.lock().unlock();
        }
        if (c.record().hostConfig().getAutoRemove()) {
            removeQuietly(c);
        }
        throw failure.error();
    }

    /**
     * Starts a container again for its restart policy: after the back-off of a "restarting" container
     * ({@code fromRestarting}), or at the engine's start for a stopped one whose policy says so. Does nothing
     * if the container was stopped, removed or started meanwhile. A failure leaves it "exited" with State.Error
     * (dockerd does not retry a restart that failed to start).
     *
     * @param c the container
     * @param fromRestarting true: only a container still "restarting"; false: one that is "exited" or
     *     "restarting"
     */
    public void restartByPolicy(Container c, boolean fromRestarting) {
        c.lock().lock();
        try {
            var s = c.record().state();
            if (c.isRemoving() || !(s.isRestarting() || (!fromRestarting && s.status().equals("exited")))) {
                return;
            }
            c.pendingRestart(null);
            try {
                run(c);
            } catch (RuntimeException e) {
                StartFailures.Failure f = StartFailures.classify(e);
                LOG.warn("restart of {} failed: {}", c.id(), f.error().getMessage());
                cleanup.release(c.id());
                ports.release(c.id());
                ContainerRecord r = c.update(x -> x.withState(x.state().restartEnded(f.error().getMessage())));
                try {
                    files.save(r);
                } catch (RuntimeException saveFailure) {
                    LOG.error("cannot save the restart error of {}: {}", c.id(), saveFailure.getMessage());
                }
                watch.abort(c, r.state().exitCode());
                c.waiters().completeExit(r.state().exitCode());
            }
        } finally {
            c.lock().unlock();
        }
    }

    /**
     * Starts a container again for its restart policy once its back-off has passed (see
     * {@link #restartByPolicy(Container, boolean)}).
     *
     * @param c a "restarting" container
     */
    public void restartByPolicy(Container c) {
        restartByPolicy(c, true);
    }

    private void run(Container c) {
        ContainerRecord r = c.record();
        watch.begin(c);
        List<PortMapping> published = publishPorts(r);
        volumes.mount(r);
        NamespaceJoins joins = NamespaceModes.resolve(store, r);
        ContainerNetworks.Sandbox sandbox = networks.setUp(r, published);
        if (sandbox.netnsPath() != null) {
            joins = joins.withNetPath(sandbox.netnsPath());
        }
        Bundle b = bundles.write(links.apply(r), joins, sandbox.addresses());
        RunLauncher.Started run = launcher.launch(r, b);
        boolean healthchecked = Healthchecks.command(r.config()).isPresent();
        r = c.update(x -> {
            var s = x.state().running(run.containerPid(), run.conmonPid(), run.startedAt());
            return x.withState(healthchecked && s.health() == null ? s.withHealth(HealthState.starting()) : s);
        });
        files.save(r);
        watch.follow(c, b);
        health.start(c);
        events.publish(r, "start");
        LOG.info("started container {} (pid {})", r.id(), run.containerPid());
    }

    /**
     * Holds the host ports the container publishes ({@link HostPortReservations}), before anything else of
     * the start is done (before CNI ADD: no veth, lease or rule exists yet), so that a port in use fails the start
     * with nothing to undo but what {@link #recordFailure} undoes anyway. In dockerd's error text the endpoint is
     * named by the container's name and a new endpoint ID, as dockerd names the endpoint it then deletes.
     *
     * @return the mappings held, host ports resolved, for the CNI portmap plugin
     */
    private List<PortMapping> publishPorts(ContainerRecord r) {
        return ports.reserve(r.id(), r.name().substring(1), DefaultBridge.randomId(),
                PublishedPorts.requests(r.config(), r.hostConfig()));
    }

    private void recordFailure(Container c, StartFailures.Failure f) {
        LOG.info("start of {} failed: {}", c.id(), f.error().getMessage());
        cleanup.release(c.id());
        ports.release(c.id());
        volumes.unmount(c.record());
        ContainerRecord r = c.update(x -> x.withState(x.state().withStartError(f.error().getMessage(),
                f.exitCode())));
        try {
            files.save(r);
        } catch (RuntimeException e) {
            LOG.error("cannot save the start error of {}: {}", c.id(), e.getMessage());
        }
        watch.abort(c, f.exitCode());
    }

    private void removeQuietly(Container c) {
        try {
            remover.removeStopped(c, true);
        } catch (RuntimeException e) {
            LOG.warn("cannot auto-remove {} after its failed start: {}", c.id(), e.getMessage());
        }
    }
}
