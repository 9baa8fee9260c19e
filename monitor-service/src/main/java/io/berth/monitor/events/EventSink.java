package io.berth.monitor.events;

import io.berth.proto.monitor.v1.Event;
import java.util.function.Consumer;

/**
 * Where a {@link Subscription} delivers its events (in production: one gRPC SubscribeEvents stream).
 * The subscription calls these methods from one thread at a time, never concurrently, and never after
 * {@link #onComplete} or {@link #onDropped}. Implementations must not block.
 */
public interface EventSink {
    /**
     * @return true if the consumer can take another event now (gRPC flow control: {@code isReady()});
     *     when false the subscription keeps the event queued and waits for {@link Subscription#sinkReady()}
     */
    boolean isReady();

    /** @param event the next event, in publication order */
    void onEvent(Event event);

    /** The subscription ended normally (its {@code until} was reached, or the monitor shuts down). */
    void onComplete();

    /**
     * The subscriber fell too far behind and was dropped; no more events follow.
     *
     * @param reason a message for the subscriber
     */
    void onDropped(String reason);

    /**
     * An in-process listener that is always ready (it must be quick: it runs on the bus's delivery thread).
     *
     * @param listener gets each event
     * @param onDropped gets the reason if the subscription is dropped
     * @return the sink
     */
    static EventSink listener(Consumer<Event> listener, Consumer<String> onDropped) {
        return new EventSink() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void onEvent(Event event) {
                listener.accept(event);
            }

            @Override
            public void onComplete() {
            }

            @Override
            public void onDropped(String reason) {
                onDropped.accept(reason);
            }
        };
    }
}
