package io.berth.engine.client;

import java.util.Map;

/**
 * Publishes events to the monitor service ({@code berth.monitor.v1.Events/PublishEvent}), fire-and-forget:
 * never blocks the caller for long and never fails the operation when the monitor is down. Events are
 * delivered in the order published.
 */
public interface EventPublisher {
    /**
     * @param type "container"
     * @param action "create", "attach", "start", "kill", "die", "stop", "destroy"
     * @param actorId the container ID
     * @param attributes Actor.Attributes (name, image, labels, exitCode, signal)
     * @param timeNano when it happened, ns since the Unix epoch
     */
    void publish(String type, String action, String actorId, Map<String, String> attributes, long timeNano);
}
