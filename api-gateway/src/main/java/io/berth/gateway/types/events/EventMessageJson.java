package io.berth.gateway.types.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.proto.monitor.v1.Event;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of Docker Engine API 1.41 {@code GET /events} (swagger EventMessage), as dockerd 20.10 writes it:
 * {@code {"status","id","from","Type","Action","Actor":{"ID","Attributes"},"scope","time","timeNano"}}.
 * status/id/from are the legacy fields dockerd still fills for container events (from = the image attribute)
 * and image events (no from); they are left out for other types.
 */
public final class EventMessageJson {
    private EventMessageJson() {
    }

    /**
     * @param e the monitor's event
     * @return the JSON object
     */
    public static ObjectNode of(Event e) {
        ObjectNode n = Json.object();
        boolean legacy = e.getType().equals("container") || e.getType().equals("image");
        if (legacy) {
            n.put("status", e.getAction());
            n.put("id", e.getActorId());
            String from = e.getAttributesOrDefault("image", "");
            if (e.getType().equals("container") && !from.isEmpty()) {
                n.put("from", from);
            }
        }
        n.put("Type", e.getType());
        n.put("Action", e.getAction());
        ObjectNode actor = n.putObject("Actor");
        actor.put("ID", e.getActorId());
        ObjectNode attrs = actor.putObject("Attributes");
        for (Map.Entry<String, String> a : new TreeMap<>(e.getAttributesMap()).entrySet()) {
            attrs.put(a.getKey(), a.getValue());
        }
        n.put("scope", e.getScope().isEmpty() ? "local" : e.getScope());
        n.put("time", Math.floorDiv(e.getTimeNano(), 1_000_000_000L));
        n.put("timeNano", e.getTimeNano());
        return n;
    }
}
