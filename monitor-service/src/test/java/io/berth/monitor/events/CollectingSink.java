package io.berth.monitor.events;

import io.berth.proto.monitor.v1.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An {@link EventSink} that records what it gets; {@link #ready} plays gRPC flow control. */
final class CollectingSink implements EventSink {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile boolean ready = true;
    volatile boolean completed;
    volatile String droppedReason;

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void onEvent(Event event) {
        events.add(event);
    }

    @Override
    public void onComplete() {
        completed = true;
        ended.countDown();
    }

    @Override
    public void onDropped(String reason) {
        droppedReason = reason;
        ended.countDown();
    }

    boolean awaitEnd() throws InterruptedException {
        return ended.await(10, TimeUnit.SECONDS);
    }

    List<String> actions() {
        return events.stream().map(Event::getAction).toList();
    }

    /** Waits until at least {@code n} events arrived (or 10 s passed). */
    List<Event> awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return List.copyOf(events);
    }
}
