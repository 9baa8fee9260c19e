package io.berth.engine.client;

import io.berth.common.events.EventPublisher;
import io.berth.common.time.DockerTime;
import io.berth.engine.container.ContainerRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes container events with the attributes dockerd gives them (Engine API 1.41 EventMessage):
 * the container's labels, then {@code image} (the reference the user gave) and {@code name} (without
 * slash), plus the action's own attributes ({@code exitCode} for die, {@code signal} for kill).
 */
@Singleton
public final class ContainerEvents {
    private final EventPublisher publisher;
    private final Clock clock;

    /**
     * @param publisher where events go
     * @param clock the time source
     */
    @Inject
    public ContainerEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param r the container
     * @param action "create", "attach", "start", "stop", "destroy"
     */
    public void publish(ContainerRecord r, String action) {
        publish(r, action, Map.of());
    }

    /**
     * @param r the container
     * @param action the action
     * @param extra additional attributes
     */
    public void publish(ContainerRecord r, String action, Map<String, String> extra) {
        Map<String, String> attrs = new LinkedHashMap<>(r.config().getLabelsMap());
        attrs.put("image", r.config().getImage());
        attrs.put("name", r.shortName());
        attrs.putAll(extra);
        publisher.publish("container", action, r.id(), attrs, DockerTime.toNanos(clock.instant()));
    }

    /**
     * @param r the container
     * @param exitCode its exit code
     */
    public void die(ContainerRecord r, int exitCode) {
        publish(r, "die", Map.of("exitCode", Integer.toString(exitCode)));
    }

    /**
     * @param r the container
     * @param signal the signal number sent
     */
    public void kill(ContainerRecord r, int signal) {
        publish(r, "kill", Map.of("signal", Integer.toString(signal)));
    }
}
