package io.berth.engine.service;

import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.runtime.RuntimeCleanup;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.LogWatch;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Handles a container run's exit, once per run, in this order: (1) convert the rest of its log, (2) end
 * every attach/follow stream, (3) record the exit (state exited, exit code, FinishedAt), {@code runc
 * delete}, unmount the rootfs, publish {@code die} with {@code exitCode}, then end the attach clients'
 * stdin, (4) complete the exit waiters,
 * (5) for an AutoRemove container remove it (which completes the "removed" waiters).
 */
@Singleton
public final class ContainerExitHandler implements ExitWatcher.Listener {
    private static final Logger LOG = LogManager.getLogger(ContainerExitHandler.class);

    private final ContainerIo io;
    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final ExitWatcher watcher;
    private final LogWatch logs;
    private final RuntimeCleanup cleanup;
    private final ContainerEvents events;
    private final ContainerRemover remover;
    private final Clock clock;

    /**
     * @param io the containers' live output and stdin
     * @param store the container index
     * @param files record persistence
     * @param watcher the exit watcher (to stop watching)
     * @param logs the log watch
     * @param cleanup runc state and mounts
     * @param events event publishing
     * @param remover removal, for AutoRemove
     * @param clock the time source
     */
    @Inject
    public ContainerExitHandler(ContainerIo io, ContainerStore store, ContainerRecordFiles files, ExitWatcher watcher,
                                LogWatch logs, RuntimeCleanup cleanup, ContainerEvents events,
                                ContainerRemover remover, Clock clock) {
        this.io = io;
        this.store = store;
        this.files = files;
        this.watcher = watcher;
        this.logs = logs;
        this.cleanup = cleanup;
        this.events = events;
        this.remover = remover;
        this.clock = clock;
    }

    @Override
    public void onExit(String containerId, int exitCode) {
        Container c = store.find(containerId).filter(x -> x.id().equals(containerId)).orElse(null);
        if (c == null || !c.claimExit()) {
            return;
        }
        watcher.unwatch(containerId);
        logs.stop(c);
        ContainerRecord r = recordExit(c, exitCode);
        io.output(c).close(); // conmon wrote all output before the exit file; readers finish on their own threads
        io.stdin(c).disconnect(); // after the state is "exited": see ContainerStdin
        c.exitFuture().complete(exitCode);
        if (r != null && r.hostConfig().getAutoRemove()) {
            try {
                remover.removeStopped(c);
            } catch (RuntimeException e) {
                LOG.error("cannot auto-remove container {}: {}", containerId, e.getMessage());
            }
        }
    }

    private ContainerRecord recordExit(Container c, int exitCode) {
        c.lock().lock();
        try {
            if (!c.record().state().isRunning()) {
                return null;
            }
            cleanup.release(c.id());
            ContainerRecord r = c.update(x -> x.withState(x.state().exited(exitCode, clock.instant())));
            try {
                files.save(r);
            } catch (RuntimeException e) {
                LOG.error("cannot save the exit of {}: {}", c.id(), e.getMessage());
            }
            events.die(r, exitCode);
            LOG.info("container {} exited with code {}", c.id(), exitCode);
            c.waiters().completeExit(exitCode);
            return r;
        } finally {
            c.lock().unlock();
        }
    }
}
