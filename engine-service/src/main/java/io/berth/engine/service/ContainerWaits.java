package io.berth.engine.service;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.WaitCondition;
import io.berth.engine.container.Waiters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * Waits for containers (Docker's {@code POST /containers/{id}/wait?condition=}, Engine API 1.41). The
 * registration is atomic with respect to exits and removal: a waiter registered before an exit is
 * completed by it, one arriving afterwards sees the new state.
 */
@Singleton
public final class ContainerWaits {
    private final ContainerStore store;

    /** @param store the container index */
    @Inject
    public ContainerWaits(ContainerStore store) {
        this.store = store;
    }

    /**
     * Registers a wait; {@code onResult} runs once (possibly at once, on this thread).
     *
     * @param ref ID, name or unique ID prefix
     * @param condition not-running, next-exit or removed
     * @param onResult receives the exit code
     * @return the registration, to cancel when the caller goes away
     * @throws NotFoundException "No such container: <ref>"
     */
    public Waiters.Registration await(String ref, WaitCondition condition, Consumer<Waiters.Result> onResult) {
        Container c = store.get(ref);
        Waiters.Result now;
        c.lock().lock();
        try {
            boolean running = c.record().state().isRunningOrRestarting();
            boolean removed = c.removedFuture().isDone();
            if (!(removed || (condition == WaitCondition.NOT_RUNNING && !running))) {
                return c.waiters().add(condition, onResult);
            }
            now = new Waiters.Result(c.record().state().exitCode(), "");
        } finally {
            c.lock().unlock();
        }
        onResult.accept(now);
        return () -> { };
    }
}
