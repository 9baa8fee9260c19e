package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.LogFollowers;
import io.berth.engine.config.Bundle;
import io.berth.engine.runtime.ConmonAttachClient;
import io.berth.engine.runtime.ConmonLauncher;
import io.berth.engine.runtime.ContainerMounts;
import io.berth.engine.runtime.EtcFiles;
import io.berth.engine.runtime.ExecUser;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.runtime.RootfsPaths;
import io.berth.engine.runtime.RuncClient;
import io.berth.engine.runtime.RuntimeSpecBuilder;
import io.berth.engine.runtime.StdinMode;
import io.berth.engine.runtime.UserResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts containers (Docker's {@code POST /containers/{id}/start}, Engine API 1.41): mounts the snapshot
 * on the bundle's rootfs, writes hostname/hosts/resolv.conf and the runtime spec, launches conmon (which
 * runs {@code runc create}), runs {@code runc start}, records state running (Pid, StartedAt), starts the
 * log follower and the exit watch, connects the attach clients' stdin to conmon's attach socket (for an
 * {@code OpenStdin} container), and publishes {@code start}. On failure everything is undone, the
 * container stays "created" (or "exited") with State.Error set, and the caller gets the error.
 */
@Singleton
public final class ContainerStarter {
    private static final Logger LOG = LogManager.getLogger(ContainerStarter.class);

    private final EngineConfig config;
    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final RootfsMounter mounter;
    private final RuntimeSpecBuilder specs;
    private final ConmonLauncher conmon;
    private final RuncClient runc;
    private final ConmonAttachClient attachSockets;
    private final RuntimeCleanup cleanup;
    private final LogFollowers followers;
    private final ExitWatcher watcher;
    private final ContainerEvents events;
    private final ContainerRemover remover;
    private final Clock clock;

    /**
     * @param config paths
     * @param store the container index
     * @param files record persistence
     * @param mounter rootfs mounts
     * @param specs runtime spec writer
     * @param conmon conmon launcher
     * @param runc runc
     * @param attachSockets conmon's attach sockets (stdin)
     * @param cleanup undo of a partial start
     * @param followers log followers
     * @param watcher exit watch
     * @param events event publishing
     * @param remover removal of AutoRemove containers whose start failed
     * @param clock the time source
     */
    @Inject
    public ContainerStarter(EngineConfig config, ContainerStore store, ContainerRecordFiles files,
                            RootfsMounter mounter, RuntimeSpecBuilder specs, ConmonLauncher conmon, RuncClient runc,
                            ConmonAttachClient attachSockets, RuntimeCleanup cleanup, LogFollowers followers,
                            ExitWatcher watcher, ContainerEvents events, ContainerRemover remover, Clock clock) {
        this.config = config;
        this.store = store;
        this.files = files;
        this.mounter = mounter;
        this.specs = specs;
        this.conmon = conmon;
        this.runc = runc;
        this.attachSockets = attachSockets;
        this.cleanup = cleanup;
        this.followers = followers;
        this.watcher = watcher;
        this.events = events;
        this.remover = remover;
        this.clock = clock;
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
            if (c.record().state().isRunning()) {
                return true;
            }
            try {
                run(c);
                return false;
            } catch (RuntimeException e) {
                failure = StartFailures.classify(e);
                recordFailure(c, failure);
            }
        } finally {
            c.lock().unlock();
        }
        if (c.record().hostConfig().autoRemove()) {
            removeQuietly(c);
        }
        throw failure.error();
    }

    private void run(Container c) {
        ContainerRecord r = c.record();
        Bundle b = config.bundle(r.id());
        c.beginRun();
        c.logHub().reopen();
        try {
            b.prepareForRun();
            watcher.clearExitFile(r.id());
            cleanup.deleteRuncState(r.id());
            mounter.mount(r.rootfsMounts(), b.rootfs());
            EtcFiles.write(r);
            ContainerMounts.createBindSources(r.hostConfig());
            ExecUser user = UserResolver.resolve(b.rootfs(), r.config().user());
            ensureWorkingDir(b, r.config().workingDir());
            specs.write(r, b, user);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the bundle of " + r.id() + ": " + e.getMessage(), e);
        }
        StdinMode stdin = StdinMode.of(r.config());
        ConmonLauncher.Launched l = conmon.launch(r.id(), r.shortName(), b, stdin, r.config().tty());
        try {
            runc.start(r.id());
        } catch (RuntimeException e) {
            cleanup.deleteRuncState(r.id());
            throw e;
        }
        r = c.update(x -> x.withState(x.state().running(l.containerPid(), l.conmonPid(), clock.instant())));
        files.save(r);
        followers.start(c);
        watcher.watch(r.id(), l.conmonPid());
        if (stdin.isOpen()) {
            c.stdin().connect(() -> attachSockets.connect(b));
        }
        events.publish(r, "start");
        LOG.info("started container {} (pid {})", r.id(), l.containerPid());
    }

    private static void ensureWorkingDir(Bundle b, String workingDir) throws IOException {
        if (!workingDir.isEmpty()) {
            Files.createDirectories(RootfsPaths.resolve(b.rootfs(), workingDir));
        }
    }

    private void recordFailure(Container c, StartFailures.Failure f) {
        LOG.info("start of {} failed: {}", c.id(), f.error().getMessage());
        cleanup.release(c.id());
        ContainerRecord r = c.update(x -> x.withState(x.state().withStartError(f.error().getMessage(),
                f.exitCode())));
        try {
            files.save(r);
        } catch (RuntimeException e) {
            LOG.error("cannot save the start error of {}: {}", c.id(), e.getMessage());
        }
        c.exitFuture().complete(f.exitCode());
        c.logHub().close();
        c.stdin().disconnect();
    }

    private void removeQuietly(Container c) {
        try {
            remover.removeStopped(c);
        } catch (RuntimeException e) {
            LOG.warn("cannot auto-remove {} after its failed start: {}", c.id(), e.getMessage());
        }
    }
}
