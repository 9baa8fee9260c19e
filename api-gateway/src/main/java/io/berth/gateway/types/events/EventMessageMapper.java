package io.berth.gateway.types.events;

import io.berth.proto.monitor.v1.Event;
import java.util.TreeMap;

/**
 * Maps the monitor's {@link Event} to the {@link EventMessage} of Docker Engine API 1.41 {@code GET /events}.
 * status/id/from are the legacy fields dockerd still fills for container events (from = the image attribute)
 * and image events (no from); they are left out for other types.
 */
public final class EventMessageMapper {
    private EventMessageMapper() {
    }

    /**
     * @param e the monitor's event
     * @return the event message
     */
    public static EventMessage of(Event e) {
        boolean container = e.getType().equals("container");
        boolean legacy = container || e.getType().equals("image");
        String from = e.getAttributesOrDefault("image", "");
        return new EventMessage(legacy ? e.getAction() : null, legacy ? e.getActorId() : null,
                container && !from.isEmpty() ? from : null, e.getType(), e.getAction(),
                new EventMessage.Actor(e.getActorId(), new TreeMap<>(e.getAttributesMap())),
                e.getScope().isEmpty() ? "local" : e.getScope(), Math.floorDiv(e.getTimeNano(), 1_000_000_000L),
                e.getTimeNano());
    }
}
