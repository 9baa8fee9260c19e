package io.berth.gateway.types.events;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One event of Docker Engine API 1.41 {@code GET /events} (swagger EventMessage), in the field order
 * dockerd 20.10 writes: {@code status, id, from, Type, Action, Actor, scope, time, timeNano}; built by
 * {@link EventMessageMapper}.
 *
 * @param status legacy status (the action), container and image events only (omitted when null)
 * @param id legacy id (the actor's), container and image events only (omitted when null)
 * @param from legacy from (the image attribute), container events only (omitted when null)
 * @param type Type: "container", "image", "network", ...
 * @param action Action: "create", "start", "die", "tag", ...
 * @param actor Actor
 * @param scope scope: "local"
 * @param time time, unix seconds
 * @param timeNano timeNano, nanoseconds since the epoch
 */
public record EventMessage(
        @JsonProperty("status") @JsonInclude(Include.NON_NULL) String status,
        @JsonProperty("id") @JsonInclude(Include.NON_NULL) String id,
        @JsonProperty("from") @JsonInclude(Include.NON_NULL) String from,
        @JsonProperty("Type") String type,
        @JsonProperty("Action") String action,
        @JsonProperty("Actor") Actor actor,
        @JsonProperty("scope") String scope,
        @JsonProperty("time") long time,
        @JsonProperty("timeNano") long timeNano) {

    /**
     * Swagger {@code EventActor}.
     *
     * @param id ID of the object the event is about
     * @param attributes Attributes, sorted by key
     */
    public record Actor(@JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {
    }
}
