package io.berth.engine.service;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Restarts containers (Docker's {@code POST /containers/{id}/restart?t=}, Engine API 1.41; moby
 * daemon/restart.go): a running (or paused) container is stopped as {@code docker stop} does (stop signal,
 * SIGKILL after the timeout), then started; a stopped one is just started. Events in dockerd's order:
 * {@code kill}, {@code die}, {@code stop}, {@code start}, {@code restart}. An AutoRemove container is not
 * removed by the stop of a restart (dockerd clears AutoRemove for that time).
 */
@Singleton
public final class ContainerRestarter {
    private final ContainerStore store;
    private final ContainerStopper stopper;
    private final ContainerStarter starter;
    private final ContainerEvents events;

    /**
     * @param store the container index
     * @param stopper stop
     * @param starter start
     * @param events event publishing
     */
    @Inject
    public ContainerRestarter(ContainerStore store, ContainerStopper stopper, ContainerStarter starter,
                              ContainerEvents events) {
        this.store = store;
        this.stopper = stopper;
        this.starter = starter;
        this.events = events;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @param timeoutSeconds seconds before SIGKILL; null = the container's StopTimeout, else 10
     * @throws NotFoundException "No such container: &lt;ref&gt;"
     * @throws BerthException "Cannot restart container &lt;ref&gt;: &lt;why&gt;" with the cause's category
     */
    public void restart(String ref, Integer timeoutSeconds) {
        Container c = store.get(ref);
        c.restartingByUser(true);
        try {
            stopper.stop(c.id(), timeoutSeconds);
            starter.start(c.id());
        } catch (BerthException e) {
            throw BerthException.withMessage(e, "Cannot restart container " + ref + ": " + e.getMessage());
        } finally {
            c.restartingByUser(false);
        }
        events.publish(c.record(), "restart");
    }
}
