package io.berth.engine.service;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.runtime.StdinMode;
import io.berth.engine.stdin.StdinWriter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The stdin side of attach (Docker's {@code POST /containers/{id}/attach?stdin=1}, Engine API 1.41). A
 * container created with {@code OpenStdin} gets what attach clients write: bytes sent before the container
 * starts are kept and delivered once it runs ({@code docker run -i} sends its stdin and EOF before
 * {@code start}); a client's EOF (or going away) closes the container's stdin if it is {@code StdinOnce}.
 * For other containers, and for containers that are neither created nor running, stdin is dropped, as
 * dockerd does.
 */
@Singleton
public final class ContainerStdin {
    private final ContainerIo io;
    private final ContainerStore store;

    /**
     * @param io the containers' live output and stdin
     * @param store the container index
     */
    @Inject
    public ContainerStdin(ContainerIo io, ContainerStore store) {
        this.io = io;
        this.store = store;
    }

    /**
     * Opens one attach client's stdin.
     *
     * @param ref ID, name or unique ID prefix
     * @return where the client's stdin goes; close it when the client goes away
     * @throws NotFoundException "No such container: <ref>"
     */
    public StdinWriter open(String ref) {
        Container c = store.get(ref);
        if (!StdinMode.of(c.record().config()).isOpen() || !isLive(c.record())) {
            return StdinWriter.DISCARD;
        }
        StdinWriter w = io.stdin(c).open();
        // the run may have ended between the check and the registration: its exit disconnects the hub
        // only after recording "exited", so checking again after registering cannot miss it
        if (!isLive(c.record())) {
            w.close();
            return StdinWriter.DISCARD;
        }
        return w;
    }

    private static boolean isLive(ContainerRecord r) {
        return r.state().isRunning() || r.state().isCreated();
    }
}
