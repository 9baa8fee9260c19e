package io.berth.storage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MonitorEventPublisherTest {
    @Test
    void publish_sendsDockersEventFieldsToTheMonitor() throws IOException {
        List<Event> got = new CopyOnWriteArrayList<>();
        String name = InProcessServerBuilder.generateName();
        Server monitor = InProcessServerBuilder.forName(name).directExecutor().addService(new EventsGrpc.EventsImplBase() {
            @Override
            public void publishEvent(PublishEventRequest req, StreamObserver<PublishEventResponse> out) {
                got.add(req.getEvent());
                out.onNext(PublishEventResponse.getDefaultInstance());
                out.onCompleted();
            }
        }).build().start();
        try (MonitorEventPublisher p = new MonitorEventPublisher(
                InProcessChannelBuilder.forName(name).directExecutor().build())) {
            p.publish("image", "tag", "sha256:abc", Map.of("name", "a:1"));
        } finally {
            monitor.shutdownNow();
        }

        assertEquals(List.of(Event.newBuilder().setType("image").setAction("tag").setActorId("sha256:abc")
                .putAttributes("name", "a:1").setScope("local").build()), got);
    }

    @Test
    void publish_withTheMonitorDown_doesNotThrow() {
        try (MonitorEventPublisher p = new MonitorEventPublisher(
                InProcessChannelBuilder.forName("no-such-monitor").directExecutor().build())) {
            p.publish("image", "delete", "sha256:abc", Map.of());
        }
    }
}
