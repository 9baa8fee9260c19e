package io.berth.engine.service;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.events.EventPublisher;
import io.berth.common.time.DockerTime;
import io.berth.engine.client.LayerSizes;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.container.PruneFilters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Removes every stopped container that matches the filters (Docker's {@code POST /containers/prune}, Engine API
 * 1.41; moby daemon/prune.go ContainersPrune): running, paused and restarting containers stay; each one is
 * removed as {@code docker rm} does (a container that cannot be removed is skipped and logged), and its
 * writable layer's size, measured before, counts in SpaceReclaimed. One prune at a time: 409 "a prune operation
 * is already running". Publishes the container event {@code prune} with attribute {@code reclaimed}.
 */
@Singleton
public final class ContainerPruner {
    private static final Logger LOG = LogManager.getLogger(ContainerPruner.class);

    /**
     * What a prune removed.
     *
     * @param deleted the removed containers' IDs
     * @param spaceReclaimed bytes of their writable layers
     */
    public record Report(List<String> deleted, long spaceReclaimed) {
        /** Copies the list. */
        public Report {
            deleted = List.copyOf(deleted);
        }
    }

    private final ContainerStore store;
    private final ContainerRemover remover;
    private final LayerSizes sizes;
    private final EventPublisher events;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param store the container index
     * @param remover removal
     * @param sizes the writable layers' sizes
     * @param events the event publisher (the prune event names no container)
     * @param clock now, for {@code until} durations
     */
    @Inject
    public ContainerPruner(ContainerStore store, ContainerRemover remover, LayerSizes sizes, EventPublisher events,
                           Clock clock) {
        this.store = store;
        this.remover = remover;
        this.sizes = sizes;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param filters until, label, label!
     * @return the removed containers and the bytes freed
     * @throws InvalidArgumentException for another filter or a bad until
     * @throws ConflictException "a prune operation is already running"
     */
    public Report prune(Map<String, List<String>> filters) {
        PruneFilters f = new PruneFilters(filters, clock.instant());
        if (!running.compareAndSet(false, true)) {
            throw new ConflictException("a prune operation is already running");
        }
        try {
            List<String> deleted = new ArrayList<>();
            long reclaimed = 0;
            for (Container c : store.all()) {
                ContainerRecord r = c.record();
                if (r.state().isRunning() || c.isRemoving() || !f.matches(r)) {
                    continue;
                }
                long size = size(r.id());
                try {
                    remover.remove(r.id(), false, false); // moby ContainersPrune: ContainerRmConfig{}, volumes kept
                } catch (BerthException e) {
                    LOG.warn("prune: cannot remove container {}: {}", r.id(), e.getMessage());
                    continue;
                }
                deleted.add(r.id());
                reclaimed += Math.max(0, size);
            }
            events.publish("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)),
                    DockerTime.toNanos(clock.instant()));
            return new Report(deleted, reclaimed);
        } finally {
            running.set(false);
        }
    }

    private long size(String id) {
        try {
            return sizes.writableLayer(id);
        } catch (BerthException e) {
            LOG.debug("prune: no size for {}: {}", id, e.getMessage());
            return 0;
        }
    }
}
