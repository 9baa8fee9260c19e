package io.berth.common.events;

import java.util.Map;

/**
 * Publishes events to the monitor service ({@code berth.monitor.v1.Events/PublishEvent}): {@link #publish}
 * returns once the monitor recorded the event (as dockerd logs an event before the API call returns), but
 * waits a bounded time only and never fails the operation, even when the monitor is down (the event is then
 * retried in the background). Events of one publisher are delivered in the order published. Shapes are those of Docker Engine API 1.41
 * {@code GET /events}: Type, Action, Actor.ID, Actor.Attributes, scope "local".
 */
public interface EventPublisher extends AutoCloseable {
    /** A publisher that drops every event (no monitor configured, tests). */
    EventPublisher NOOP = new EventPublisher() {
        @Override
        public void publish(String type, String action, String actorId, Map<String, String> attributes,
                            long timeNano) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Publishes an event that happens now (stamped with the publisher's clock).
     *
     * @param type object type: "container", "image", ...
     * @param action what happened: "create", "start", "die", "load", "tag", ...
     * @param actorId Actor.ID: the container ID, the image ID, ...
     * @param attributes Actor.Attributes (name, image, labels, exitCode, signal, ...)
     */
    default void publish(String type, String action, String actorId, Map<String, String> attributes) {
        publish(type, action, actorId, attributes, -1);
    }

    /**
     * Publishes an event.
     *
     * @param type object type
     * @param action what happened
     * @param actorId Actor.ID
     * @param attributes Actor.Attributes
     * @param timeNano when it happened, nanoseconds since the Unix epoch; negative: now
     */
    void publish(String type, String action, String actorId, Map<String, String> attributes, long timeNano);

    /** Delivers what is queued (for a bounded time), then releases the connection. */
    @Override
    void close();
}
