package io.berth.engine.service;

import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The pending restarts of containers in state "restarting" (restart policies, Engine API 1.41
 * {@code HostConfig.RestartPolicy}): schedules each one after its back-off and cancels it when the user stops,
 * kills or removes the container. Closed at engine shut-down: then no exit is followed by a restart (the
 * engine's next start decides, {@code daemon/RestartAtStart}).
 */
@Singleton
public final class RestartTimer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RestartTimer.class);

    private final ContainerRecordFiles files;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "restart-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /** @param files record persistence */
    @Inject
    public RestartTimer(ContainerRecordFiles files) {
        this.files = files;
    }

    /** @return false once the engine is shutting down: exits are then not followed by restarts */
    public boolean accepting() {
        return !closed;
    }

    /**
     * Schedules the restart of a container just put in state "restarting" (its lock held).
     *
     * @param c the container
     * @param delayMillis the back-off, ms
     * @param restart what starts it (run on the timer's thread; it takes the lock itself)
     */
    public void schedule(Container c, long delayMillis, Runnable restart) {
        if (closed) {
            return;
        }
        c.pendingRestart(timer.schedule(restart, delayMillis, TimeUnit.MILLISECONDS));
    }

    /**
     * Ends a pending restart because the user stopped, killed or removed the container (its lock held):
     * the container becomes "exited" with its last exit code, HasBeenManuallyStopped, and its waiters for
     * "not-running" are released.
     *
     * @param c the container
     * @return true if it was restarting
     */
    public boolean cancel(Container c) {
        c.cancelRestart();
        if (!c.record().state().isRestarting()) {
            return false;
        }
        ContainerRecord r = c.update(x -> x.withState(x.state().restartEnded("").withManuallyStopped(true)));
        save(r);
        LOG.info("restart of container {} cancelled", c.id());
        c.waiters().completeExit(r.state().exitCode());
        return true;
    }

    private void save(ContainerRecord r) {
        try {
            files.save(r);
        } catch (RuntimeException e) {
            LOG.error("cannot save the state of {}: {}", r.id(), e.getMessage());
        }
    }

    /** Stops scheduling; restarts already scheduled do not run (their containers stay "restarting"). */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
