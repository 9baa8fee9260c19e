package io.berth.engine.service;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerFilters;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Inspect and list (Docker's {@code GET /containers/{id}/json} and {@code GET /containers/json}, API 1.41). */
@Singleton
public final class ContainerQueries {
    private final ContainerStore store;

    /** @param store the container index */
    @Inject
    public ContainerQueries(ContainerStore store) {
        this.store = store;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @return the container's record; a container that is not running and whose removal is under way shows the
     *     status "removing" (moby's {@code State.StateString}: running, paused and restarting win over it)
     * @throws NotFoundException "No such container: <ref>"
     */
    public ContainerRecord inspect(String ref) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        if (c.isRemoving() && !r.state().isRunningOrRestarting() && !r.state().isPaused()) {
            return r.withState(r.state().removing());
        }
        return r;
    }

    /**
     * Lists containers, newest first, as dockerd: only running ones unless {@code all}, a limit or a
     * status filter is given.
     *
     * @param all include stopped containers
     * @param limit only the N most recently created (0 = no limit; implies all)
     * @param filters Docker filters (see {@link ContainerFilters})
     * @return the matching records
     * @throws io.berth.common.errors.InvalidArgumentException for an invalid filter
     */
    public List<ContainerRecord> list(boolean all, int limit, Map<String, List<String>> filters) {
        ContainerFilters f = new ContainerFilters(filters, ref -> store.get(ref).record());
        boolean includeStopped = all || limit > 0 || f.hasStatus();
        List<ContainerRecord> out = new ArrayList<>();
        for (Container c : store.all()) {
            ContainerRecord r = c.record();
            if ((includeStopped || r.state().isRunningOrRestarting()) && f.matches(r)) {
                out.add(r);
                if (limit > 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }
}
