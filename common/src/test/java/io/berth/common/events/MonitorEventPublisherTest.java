package io.berth.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.grpc.Context;
import io.grpc.Server;
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
    private Server monitor;

    @BeforeEach
    void startMonitor() throws IOException {
        monitor = InProcessServerBuilder.forName(name).addService(new EventsGrpc.EventsImplBase() {
            @Override
            public void publishEvent(PublishEventRequest req, StreamObserver<PublishEventResponse> out) {
                got.add(req.getEvent());
                out.onNext(PublishEventResponse.getDefaultInstance());
                out.onCompleted();
            }
        }).build().start();
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
}
