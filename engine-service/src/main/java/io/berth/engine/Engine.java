package io.berth.engine;

import io.berth.common.ContainersOutliveServices;
import io.berth.common.events.EventPublisher;
import io.berth.engine.archive.ContainerRoots;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.daemon.ContainerRecovery;
import io.berth.engine.daemon.EngineShutdown;
import io.berth.engine.exec.ExecLauncher;
import io.berth.engine.service.ContainerExitHandler;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.volume.VolumeService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The engine's start-up and shut-down, apart from the gRPC server: creates its directories, starts
 * watching exits, reloads the containers ({@link ContainerRecovery}); at shut-down stops them
 * ({@link EngineShutdown}) and flushes pending events.
 */
@Singleton
public final class Engine {
    private static final Logger LOG = LogManager.getLogger(Engine.class);

    private final EngineConfig config;
    private final ExitWatcher watcher;
    private final ContainerExitHandler exits;
    private final ContainerRecovery recovery;
    private final EngineShutdown shutdown;
    private final EventPublisher events;
    private final ExecLauncher execs;
    private final ContainerRoots roots;
    private final VolumeService volumes;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * @param config paths
     * @param watcher exit watch
     * @param exits exit handling
     * @param recovery reload at start-up
     * @param shutdown clean stop
     * @param events the event publisher (flushed and closed at shut-down)
     * @param execs the exec launcher (what a previous engine's execs left is deleted at start)
     * @param volumes the volumes (loaded at start)
     * @param roots docker cp's container roots (mounts a killed engine left under exec-root/archive go)
     */
    @Inject
    public Engine(EngineConfig config, ExitWatcher watcher, ContainerExitHandler exits, ContainerRecovery recovery,
                  EngineShutdown shutdown, EventPublisher events, ExecLauncher execs, VolumeService volumes,
                  ContainerRoots roots) {
        this.volumes = volumes;
        this.config = config;
        this.watcher = watcher;
        this.exits = exits;
        this.recovery = recovery;
        this.shutdown = shutdown;
        this.events = events;
        this.execs = execs;
        this.roots = roots;
    }

    /**
     * Creates the directories, starts the exit watch and reloads every container.
     *
     * @throws UncheckedIOException if a directory cannot be created
     */
    public void start() {
        try {
            for (Path p : new Path[] {config.containersDir(), config.bundlesDir(), config.runcRoot(),
                    config.exitDir(), config.socketDir()}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's directories", e);
        }
        execs.deleteLeftovers();
        roots.deleteLeftovers();
        int volumeCount = volumes.load();
        watcher.start(exits);
        int n = recovery.recover(exits);
        LOG.info("engine started: {} container(s) loaded from {}, {} volume(s)", n, config.containersDir(),
                volumeCount);
    }

    /**
     * Stops every container and releases its mounts, or, when berthd is gone or gave up
     * ({@link ContainersOutliveServices#requested}), leaves every container running for the next engine
     * (idempotent; never throws).
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (ContainersOutliveServices.requested(config.execRoot())) {
            LOG.info("engine stopping, leaving containers running (berthd is gone or gave up)");
            shutdown.detach();
        } else {
            LOG.info("engine stopping");
            shutdown.run();
        }
        try {
            events.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the event publisher: {}", e.toString());
        }
    }
}
