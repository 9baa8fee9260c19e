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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Freezes and thaws containers (Docker's {@code POST /containers/{id}/pause} and {@code /unpause}, Engine API
 * 1.41; moby daemon/pause.go, unpause.go) through {@code runc pause/resume}, which use the freezer cgroup
 * (v1 {@code freezer.state}, v2 {@code cgroup.freeze}). The status becomes "paused" (State.Running stays
 * true, State.Paused true) and is persisted; events {@code pause} and {@code unpause}.
 *
 * <p>Errors as dockerd: 409 "Container &lt;id&gt; is not running", 409 "Container &lt;id&gt; is already
 * paused"; unpause of a container that is not paused is 409 "Container &lt;id&gt; is not paused" (dockerd 20.10
 * answers that client mistake with 500).
 */
@Singleton
public final class ContainerPauser {
    private static final Logger LOG = LogManager.getLogger(ContainerPauser.class);

    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final RuncClient runc;
    private final ContainerEvents events;

    /**
     * @param store the container index
     * @param files record persistence
     * @param runc runc
     * @param events event publishing
     */
    @Inject
    public ContainerPauser(ContainerStore store, ContainerRecordFiles files, RuncClient runc, ContainerEvents events) {
        this.store = store;
        this.files = files;
        this.runc = runc;
        this.events = events;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @throws NotFoundException "No such container: &lt;ref&gt;"
     * @throws ConflictException when not running or already paused
     * @throws InternalException "Cannot pause container &lt;id&gt;: &lt;runc's message&gt;"
     */
    public void pause(String ref) {
        Container c = store.get(ref);
        c.lock().lock();
        try {
            ContainerRecord r = c.record();
            if (!r.state().isRunning()) {
                throw new ConflictException("Container " + c.id() + " is not running");
            }
            if (r.state().isPaused()) {
                throw new ConflictException("Container " + c.id() + " is already paused");
            }
            try {
                runc.pause(c.id());
            } catch (InternalException e) {
                throw new InternalException("Cannot pause container " + c.id() + ": " + e.getMessage(), e);
            }
            files.save(c.update(x -> x.withState(x.state().paused())));
            LOG.info("paused container {}", c.id());
        } finally {
            c.lock().unlock();
        }
        events.publish(c.record(), "pause");
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @throws NotFoundException "No such container: &lt;ref&gt;"
     * @throws ConflictException "Container &lt;id&gt; is not paused"
     * @throws InternalException "Cannot unpause container &lt;id&gt;: &lt;runc's message&gt;"
     */
    public void unpause(String ref) {
        Container c = store.get(ref);
        c.lock().lock();
        try {
            if (!c.record().state().isPaused()) {
                throw new ConflictException("Container " + c.id() + " is not paused");
            }
            resumeLocked(c);
        } finally {
            c.lock().unlock();
        }
    }

    /**
     * Thaws a paused container after a stop or kill signal was sent to it, so that the signal is delivered
     * (dockerd's killWithSignal resumes a paused container after sending the stop signal or SIGKILL).
     * Does nothing if it is not paused; a failure is logged, never thrown (the caller's signal was sent).
     *
     * @param c the container
     */
    public void resumeAfterSignal(Container c) {
        c.lock().lock();
        try {
            if (c.record().state().isPaused()) {
                resumeLocked(c);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot unpause container {}: {}", c.id(), e.getMessage());
        } finally {
            c.lock().unlock();
        }
    }

    private void resumeLocked(Container c) {
        try {
            runc.resume(c.id());
        } catch (InternalException e) {
            throw new InternalException("Cannot unpause container " + c.id() + ": " + e.getMessage(), e);
        }
        ContainerRecord r = c.update(x -> x.state().isPaused() ? x.withState(x.state().unpaused()) : x);
        files.save(r);
        LOG.info("unpaused container {}", c.id());
        events.publish(r, "unpause");
    }
}
