package io.berth.storage.testing;

import io.berth.common.events.EventPublisher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventPublisher} that remembers {@code "<action> <actor id>"} for each event. */
public final class RecordingEvents implements EventPublisher {
    /** The events, in order. */
    public final List<String> events = new CopyOnWriteArrayList<>();
    /** The attributes of each event, in order. */
    public final List<Map<String, String>> attributes = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String type, String action, String actorId, Map<String, String> attrs, long timeNano) {
        events.add(action + " " + actorId);
        attributes.add(Map.copyOf(attrs));
    }

    /** Forgets the events recorded so far. */
    public void clear() {
        events.clear();
        attributes.clear();
    }

    @Override
    public void close() {
    }
}
