package io.berth.storage.events;

import java.util.Map;

/**
 * Publishes events to the monitor service, fire-and-forget: publishing never blocks the operation for
 * long and never fails it, even when the monitor is down (Docker Engine API v1.41 GET /events shapes:
 * Type, Action, Actor.ID, Actor.Attributes, scope "local").
 */
public interface EventPublisher extends AutoCloseable {
    /** A publisher that drops every event (no monitor configured, tests). */
    EventPublisher NOOP = new EventPublisher() {
        @Override
        public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * @param type object type, e.g. "image"
     * @param action what happened, e.g. "load", "tag", "untag", "delete"
     * @param actorId Actor.ID: the image ID
     * @param attributes Actor.Attributes, e.g. {@code name} and the image's labels
     */
    void publish(String type, String action, String actorId, Map<String, String> attributes);

    /** Stops publishing and releases the connection. */
    @Override
    void close();
}
