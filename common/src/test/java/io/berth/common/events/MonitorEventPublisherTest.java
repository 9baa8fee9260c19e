package io.berth.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorEventPublisherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:09:56.271361124Z"), ZoneOffset.UTC);
    private static final long NANOS = Instant.parse("2026-11-29T09:09:56.271361124Z").getEpochSecond() * 1_000_000_000L
            + 271_361_124L;

    private final List<Event> got = new CopyOnWriteArrayList<>();
    private final String name = InProcessServerBuilder.generateName();
    private volatile long answerDelayMillis;
    private Server monitor;

    @BeforeEach
    void startMonitor() throws IOException {
        monitor = monitor(name);
    }

    private Server monitor(String serverName) throws IOException {
        return InProcessServerBuilder.forName(serverName).addService(new EventsGrpc.EventsImplBase() {
            @Override
            public void publishEvent(PublishEventRequest req, StreamObserver<PublishEventResponse> out) {
                if (req.getEvent().getAction().equals("malformed")) {
                    out.onError(Status.INVALID_ARGUMENT.withDescription("no").asRuntimeException());
                    return;
                }
                sleep(answerDelayMillis);
                got.add(req.getEvent());
                out.onNext(PublishEventResponse.getDefaultInstance());
                out.onCompleted();
            }
        }).build().start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stopMonitor() {
        monitor.shutdownNow();
    }

    private MonitorEventPublisher publisher() {
        return new MonitorEventPublisher(InProcessChannelBuilder.forName(name).build(), CLOCK);
    }

    @Test
    void publish_sendsDockersEventFields_stampedWithTheTimeItHappened() {
        try (MonitorEventPublisher p = publisher()) {
            p.publish("image", "tag", "sha256:abc", Map.of("name", "a:1"));
        }
        assertEquals(List.of(Event.newBuilder().setType("image").setAction("tag").setActorId("sha256:abc")
                .putAttributes("name", "a:1").setScope("local").setTimeNano(NANOS).build()), got);
    }

    @Test
    void publish_withItsOwnTime_keepsThatTime() {
        try (MonitorEventPublisher p = publisher()) {
            p.publish("container", "die", "abc", Map.of("exitCode", "0"), 1234L);
        }
        assertEquals(1234L, got.get(0).getTimeNano());
        assertEquals("local", got.get(0).getScope());
    }

    @Test
    void publish_fromARequestWhoseContextIsThenCancelled_stillDeliversEveryEventInOrder() {
        try (MonitorEventPublisher p = publisher()) {
            Context.CancellableContext request = Context.current().withCancellation();
            request.run(() -> {
                for (int i = 0; i < 20; i++) {
                    p.publish("image", "load", "ref" + i, Map.of());
                }
            });
            request.cancel(null);
        }
        assertEquals(20, got.size());
        for (int i = 0; i < 20; i++) {
            assertEquals("ref" + i, got.get(i).getActorId());
        }
    }

    @Test
    void publish_withTheMonitorDown_doesNotThrow() {
        try (MonitorEventPublisher p = new MonitorEventPublisher(
                InProcessChannelBuilder.forName("no-such-monitor").build(), CLOCK)) {
            p.publish("image", "delete", "sha256:abc", Map.of());
        }
    }

    @Test
    void publish_returnsOnlyOnceTheMonitorRecordedTheEvent() {
        answerDelayMillis = 100;
        try (MonitorEventPublisher p = publisher()) {
            for (int i = 0; i < 3; i++) {
                p.publish("container", "exec_die", "c" + i, Map.of());
                assertEquals(i + 1, got.size(), "recorded before publish returned");
            }
        }
    }

    @Test
    void publish_toAMonitorThatDoesNotAnswer_waitsAtMostTheBoundedDeadline() {
        answerDelayMillis = 3_000;
        try (MonitorEventPublisher p = publisher()) {
            long t0 = System.nanoTime();
            p.publish("container", "start", "c", Map.of());
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waited >= MonitorEventPublisher.ACK_WAIT_MILLIS - 50 && waited < 2_500, waited + " ms");
        }
    }

    @Test
    void publish_whileTheMonitorIsDown_queuesInOrder_andDeliversOnceItIsBack() throws IOException {
        String later = InProcessServerBuilder.generateName();
        try (MonitorEventPublisher p = new MonitorEventPublisher(InProcessChannelBuilder.forName(later).build(),
                CLOCK)) {
            p.publish("container", "create", "c0", Map.of());
            long t0 = System.nanoTime();
            for (int i = 1; i < 5; i++) {
                p.publish("container", "start", "c" + i, Map.of());
            }
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 500, "publishers do not wait during an outage");
            assertEquals(List.of(), got);
            Server back = monitor(later);
            try {
                long deadline = System.currentTimeMillis() + 10_000;
                while (got.size() < 5 && System.currentTimeMillis() < deadline) {
                    sleep(20);
                }
                assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), got.stream().map(Event::getActorId).toList());
                p.publish("container", "die", "c5", Map.of());
                assertEquals(6, got.size(), "waits again once the monitor answers");
            } finally {
                back.shutdownNow();
            }
        }
    }

    @Test
    void publish_ofAnEventTheMonitorRefuses_dropsItAndGoesOn() {
        try (MonitorEventPublisher p = publisher()) {
            p.publish("container", "malformed", "c0", Map.of());
            p.publish("container", "start", "c1", Map.of());
            assertEquals(List.of("c1"), got.stream().map(Event::getActorId).toList());
        }
    }
}
