package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.ConmonControl;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * Resizes a container's terminal (Docker's {@code POST /containers/{id}/resize?h=&w=}, Engine API 1.41), as
 * dockerd 20.10's daemon/resize.go: the container must be running ({@code Container <id> is not running},
 * 409); a TTY container's terminal gets the size through conmon's control FIFO; a container without a TTY
 * accepts the call and nothing changes (containerd ignores a resize of a process without a console). Each
 * resize of a running container publishes {@code resize} with {@code height} and {@code width}, before the
 * terminal changes (a 409 may still follow if conmon is gone by the FIFO write). Sizes are taken modulo
 * 65536, as the kernel's 16-bit winsize fields take Go's conversion of them.
 */
@Singleton
public final class ContainerResizer {
    private final EngineConfig config;
    private final ContainerStore store;
    private final ConmonControl control;
    private final ContainerEvents events;

    /**
     * @param config where bundles are
     * @param store the container index
     * @param control conmon's control FIFO
     * @param events event publishing
     */
    @Inject
    public ContainerResizer(EngineConfig config, ContainerStore store, ConmonControl control,
                            ContainerEvents events) {
        this.config = config;
        this.store = store;
        this.control = control;
        this.events = events;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @param height rows
     * @param width columns
     * @throws NotFoundException "No such container: <ref>"
     * @throws ConflictException "Container <id> is not running" (also when it stops during the call)
     * @throws InternalException when conmon cannot be told
     */
    public void resize(String ref, int height, int width) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        if (!r.state().isRunning()) {
            throw notRunning(c);
        }
        // The event goes out before the terminal changes: publishing waits for the monitor's acknowledgement, and
        // docker CLI 28 only listens for SIGWINCH once this call has answered, so a reply that lags the change
        // loses a window resize made in between (TtyIT's flake). Reply at once after the FIFO write.
        events.publish(r, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
        if (r.config().getTty()) {
            try {
                control.resize(config.bundle(c.id()).dir(), height & 0xFFFF, width & 0xFFFF);
            } catch (IOException e) {
                if (!c.record().state().isRunning()) {
                    throw notRunning(c);
                }
                throw new InternalException("cannot resize the terminal of " + c.id() + ": " + e.getMessage(), e);
            }
        }
    }

    private static ConflictException notRunning(Container c) {
        return new ConflictException("Container " + c.id() + " is not running");
    }
}
