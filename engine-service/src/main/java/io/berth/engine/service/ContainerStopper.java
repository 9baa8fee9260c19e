package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.RuncClient;
import io.berth.engine.runtime.Signals;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Stops and signals containers (Docker's {@code POST /containers/{id}/stop} and {@code /kill}, Engine
 * API 1.41). Stop sends the stop signal, waits up to the timeout for the exit, then sends SIGKILL; events
 * come in dockerd's order: {@code kill} (signal), [{@code kill} 9], {@code die} (from the exit handler),
 * {@code stop}. A stop or kill through the API marks the container HasBeenManuallyStopped, so that its restart
 * policy does not restart it (dockerd's kill.go {@code ExitOnNext}); a "restarting" container's pending restart
 * is cancelled instead of signalling anything (it becomes "exited"; stop then publishes {@code stop}).
 */
@Singleton
public final class ContainerStopper {
    private static final Logger LOG = LogManager.getLogger(ContainerStopper.class);
    /** How long to wait for the exit after SIGKILL before giving up, in seconds. */
    private static final long KILL_WAIT_SECONDS = 30;

    private final ContainerStore store;
    private final RuncClient runc;
    private final ContainerEvents events;
    private final ContainerRecordFiles files;
    private final RestartTimer restarts;

    /**
     * @param store the container index
     * @param runc runc
     * @param events event publishing
     * @param files record persistence (HasBeenManuallyStopped)
     * @param restarts the pending restarts
     */
    @Inject
    public ContainerStopper(ContainerStore store, RuncClient runc, ContainerEvents events, ContainerRecordFiles files,
                            RestartTimer restarts) {
        this.store = store;
        this.runc = runc;
        this.events = events;
        this.files = files;
        this.restarts = restarts;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @param timeoutSeconds seconds before SIGKILL; {@code null} = the container's StopTimeout (default
     *     10); negative = wait forever
     * @return true if it was not running (Docker's 304)
     * @throws NotFoundException "No such container: <ref>"
     * @throws InternalException if it does not exit even after SIGKILL
     */
    public boolean stop(String ref, Integer timeoutSeconds) {
        return stop(ref, timeoutSeconds, true);
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @param timeoutSeconds as {@link #stop(String, Integer)}
     * @param byUser true for a stop through the API (HasBeenManuallyStopped, the restart policy does not
     *     apply); false for the engine's own shut-down
     * @return true if it was not running (Docker's 304)
     * @throws NotFoundException "No such container: <ref>"
     * @throws InternalException if it does not exit even after SIGKILL
     */
    public boolean stop(String ref, Integer timeoutSeconds, boolean byUser) {
        Container c = store.get(ref);
        if (byUser && cancelRestart(c)) {
            events.publish(c.record(), "stop");
            return false;
        }
        ContainerRecord r = c.record();
        if (!r.state().isRunning()) {
            return true;
        }
        if (byUser) {
            markManuallyStopped(c);
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds : r.stopTimeoutSeconds();
        CompletableFuture<Integer> exit = c.exitFuture();
        signal(c, Signals.parse(r.config().getStopSignal(), Signals.SIGTERM));
        if (!await(exit, timeout < 0 ? Long.MAX_VALUE : timeout)) {
            LOG.info("container {} did not exit within {} s; sending SIGKILL", c.id(), timeout);
            signal(c, Signals.SIGKILL);
            if (!await(exit, KILL_WAIT_SECONDS)) {
                throw new InternalException("container " + c.id() + " did not exit after SIGKILL");
            }
        }
        events.publish(c.record(), "stop");
        return false;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @param signal "KILL", "SIGHUP", "9", ...; empty = SIGKILL
     * @throws NotFoundException "No such container: <ref>"
     * @throws ConflictException "Cannot kill container: <ref>: Container <id> is not running"
     * @throws io.berth.common.errors.InvalidArgumentException "Invalid signal: x"
     */
    public void kill(String ref, String signal) {
        Container c = store.get(ref);
        int sig = Signals.parse(signal, Signals.SIGKILL);
        ConflictException notRunning = new ConflictException("Cannot kill container: " + ref + ": Container "
                + c.id() + " is not running");
        if (cancelRestart(c)) {
            return; // dockerd: "the monitor exits on its next event loop", no signal, no event
        }
        if (!c.record().state().isRunning()) {
            throw notRunning;
        }
        String stopSignal = c.record().config().getStopSignal();
        if (sig == Signals.SIGKILL || stopSignal.isEmpty() || Signals.parse(stopSignal, Signals.SIGTERM) == sig) {
            markManuallyStopped(c); // dockerd's ExitOnNext: the same signals end its restart policy
        }
        CompletableFuture<Integer> exit = c.exitFuture();
        // Published before the signal is sent: the exit handler publishes "die" as soon as the process is
        // gone, and "kill" must come first in the event stream.
        events.kill(c.record(), sig);
        try {
            runc.kill(c.id(), sig, new RuncClient.KillOptions(false));
        } catch (RuntimeException e) {
            if (!c.record().state().isRunning() || exit.isDone()) {
                throw notRunning;
            }
            throw e;
        }
        if (sig == Signals.SIGKILL) {
            // dockerd waits for a SIGKILLed container to be gone, so "kill; rm" works.
            await(exit, 10);
        }
    }

    private boolean cancelRestart(Container c) {
        c.lock().lock();
        try {
            return restarts.cancel(c);
        } finally {
            c.lock().unlock();
        }
    }

    private void markManuallyStopped(Container c) {
        c.lock().lock();
        try {
            if (c.record().state().isRunning() && !c.record().state().manuallyStopped()) {
                files.save(c.update(x -> x.withState(x.state().withManuallyStopped(true))));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot save the manual stop of {}: {}", c.id(), e.getMessage());
        } finally {
            c.lock().unlock();
        }
    }

    private void signal(Container c, int sig) {
        try {
            events.kill(c.record(), sig); // before the signal, so that it precedes "die" (see kill)
            runc.kill(c.id(), sig, new RuncClient.KillOptions(false));
        } catch (RuntimeException e) {
            // It may have exited meanwhile; the exit future tells.
            LOG.debug("signal {} to {} failed: {}", sig, c.id(), e.getMessage());
        }
    }

    private static boolean await(CompletableFuture<Integer> exit, long seconds) {
        try {
            exit.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
