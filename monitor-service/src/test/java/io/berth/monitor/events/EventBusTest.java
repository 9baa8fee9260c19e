package io.berth.monitor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T10:00:00Z"));
    private EventBus bus = new EventBus(clock);

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private static Event event(String action) {
        return Event.newBuilder().setType("container").setAction(action).setActorId("c1").build();
    }

    /** Publishes {@code action} at the current clock time, then moves the clock 1 s on. */
    private Event publishTick(String action) {
        Event e = bus.publish(event(action));
        clock.advance(Duration.ofSeconds(1));
        return e;
    }

    @Test
    void publish_unstampedEvent_getsClockTimeAndLocalScope() {
        Event e = bus.publish(event("create"));
        assertEquals(clock.nanos(), e.getTimeNano());
        assertEquals("local", e.getScope());
    }

    @Test
    void publish_stampedEvent_keepsItsTimeAndScope() {
        Event e = bus.publish(event("create").toBuilder().setTimeNano(42).setScope("swarm").build());
        assertEquals(42, e.getTimeNano());
        assertEquals("swarm", e.getScope());
    }

    @Test
    void subscribe_withSince_replaysHistoryInOrderThenLiveEvents() throws Exception {
        long t0 = clock.nanos();
        publishTick("create");
        publishTick("attach");
        publishTick("start");
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), t0, 0), sink);
        bus.publish(event("die"));
        assertEquals(List.of("create", "attach", "start", "die"),
                sink.awaitEvents(4).stream().map(Event::getAction).toList());
    }

    @Test
    void subscribe_withoutSince_getsOnlyLiveEvents() throws Exception {
        publishTick("create");
        CollectingSink sink = new CollectingSink();
        bus.subscribe(EventQuery.live(), sink);
        publishTick("start");
        assertEquals(List.of("start"), sink.awaitEvents(1).stream().map(Event::getAction).toList());
    }

    @Test
    void subscribe_sinceInTheMiddle_skipsOlderEvents() throws Exception {
        publishTick("create");
        long t1 = clock.nanos();
        publishTick("start");
        publishTick("die");
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), t1, clock.nanos()), sink);
        assertTrue(sink.awaitEnd());
        assertEquals(List.of("start", "die"), sink.actions());
    }

    @Test
    void subscribe_untilInThePast_endsAfterHistoryWithoutLiveEvents() throws Exception {
        long t0 = clock.nanos();
        publishTick("create");
        long t1 = clock.nanos();
        publishTick("start");
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), t0, t1 - 1), sink);
        assertTrue(sink.awaitEnd());
        bus.publish(event("die"));
        assertTrue(sink.completed);
        assertEquals(List.of("create"), sink.actions());
        assertEquals(0, bus.subscriberCount());
    }

    @Test
    void subscribe_untilInTheFuture_deliversLiveEventsThenEndsAtUntil() throws Exception {
        long t0 = clock.nanos();
        publishTick("create");
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), t0, clock.nanos() + 200_000_000L), sink);
        bus.publish(event("start"));
        assertTrue(sink.awaitEnd());
        assertTrue(sink.completed);
        assertEquals(List.of("create", "start"), sink.actions());
        assertEquals(0, bus.subscriberCount());
    }

    @Test
    void subscribe_liveEventAfterUntil_isNotDelivered() throws Exception {
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), 0, clock.nanos() + 100_000_000L), sink);
        bus.publish(event("late").toBuilder().setTimeNano(clock.nanos() + 200_000_000L).build());
        assertTrue(sink.awaitEnd());
        assertEquals(List.of(), sink.actions());
    }

    @Test
    void subscribe_withFilter_deliversOnlyMatchingEvents() throws Exception {
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.of(Map.of("event", List.of("die"))), 0, 0), sink);
        publishTick("start");
        publishTick("die");
        publishTick("destroy");
        bus.close();
        assertTrue(sink.awaitEnd());
        assertEquals(List.of("die"), sink.actions());
    }

    @Test
    void history_keepsOnlyTheLastEvents() throws Exception {
        bus.close();
        bus = new EventBus(clock, 3, 16);
        long t0 = clock.nanos();
        IntStream.range(0, 5).forEach(i -> publishTick("a" + i));
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), t0, clock.nanos()), sink);
        assertTrue(sink.awaitEnd());
        assertEquals(List.of("a2", "a3", "a4"), sink.actions());
    }

    @Test
    void publish_toSubscriberThatDoesNotRead_dropsItWithoutBlocking() throws Exception {
        bus.close();
        bus = new EventBus(clock, 16, 4);
        CollectingSink slow = new CollectingSink();
        slow.ready = false;
        bus.subscribe(EventQuery.live(), slow);
        IntStream.range(0, 10).forEach(i -> bus.publish(event("e" + i)));
        assertTrue(slow.awaitEnd());
        assertNotNull(slow.droppedReason);
        assertFalse(slow.completed);
        assertTrue(slow.events.isEmpty());
        assertEquals(0, bus.subscriberCount());
        CollectingSink later = new CollectingSink();
        bus.subscribe(EventQuery.live(), later);
        bus.publish(event("after"));
        assertEquals(List.of("after"), later.awaitEvents(1).stream().map(Event::getAction).toList());
    }

    @Test
    void sinkReady_afterBackPressure_resumesDeliveryInOrder() throws Exception {
        CollectingSink sink = new CollectingSink();
        sink.ready = false;
        Subscription sub = bus.subscribe(EventQuery.live(), sink);
        bus.publish(event("one"));
        bus.publish(event("two"));
        assertTrue(sink.events.isEmpty());
        sink.ready = true;
        sub.sinkReady();
        assertEquals(List.of("one", "two"), sink.awaitEvents(2).stream().map(Event::getAction).toList());
    }

    @Test
    void close_subscription_unsubscribesAndStopsDelivery() throws Exception {
        CollectingSink sink = new CollectingSink();
        Subscription sub = bus.subscribe(EventQuery.live(), sink);
        assertEquals(1, bus.subscriberCount());
        sub.close();
        assertEquals(0, bus.subscriberCount());
        bus.publish(event("start"));
        assertTrue(sub.isEnded());
        assertTrue(sink.events.isEmpty());
        assertFalse(sink.completed);
    }

    @Test
    void subscribe_whilePublishing_seesEveryEventExactlyOnceInOrder() throws Exception {
        long t0 = clock.nanos();
        int n = 800;
        Thread publisher = new Thread(() -> IntStream.range(0, n).forEach(i -> bus.publish(event("e" + i))));
        publisher.start();
        CollectingSink sink = new CollectingSink();
        bus.subscribe(new EventQuery(EventFilter.all(), t0, 0), sink);
        publisher.join();
        List<String> got = sink.awaitEvents(n).stream().map(Event::getAction).toList();
        assertEquals(IntStream.range(0, n).mapToObj(i -> "e" + i).toList(), got);
    }

    @Test
    void publish_afterClose_isRecordedWithoutFailing() throws Exception {
        CollectingSink sink = new CollectingSink();
        bus.subscribe(EventQuery.live(), sink);
        bus.close();
        assertEquals("late", bus.publish(event("late")).getAction());
        assertTrue(sink.awaitEnd());
        assertTrue(sink.completed);
    }
}
