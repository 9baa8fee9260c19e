package io.berth.storage.events;

import io.berth.common.grpc.UnixChannels;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link EventPublisher} over berth.monitor.v1 {@code Events.PublishEvent} on the monitor's unix socket.
 * Calls are asynchronous with a 5 s deadline; a failure is logged at debug level and otherwise ignored.
 * The event time is left 0 so the monitor stamps it.
 */
public final class MonitorEventPublisher implements EventPublisher {
    private static final Logger LOG = LogManager.getLogger(MonitorEventPublisher.class);

    private final ManagedChannel channel;
    private final EventsGrpc.EventsStub stub;

    /** @param socket the monitor's socket, {@code <exec-root>/monitor.sock} */
    public MonitorEventPublisher(Path socket) {
        this(UnixChannels.connect(socket));
    }

    /** @param channel a channel to the monitor (tests pass an in-process channel) */
    public MonitorEventPublisher(ManagedChannel channel) {
        this.channel = channel;
        this.stub = EventsGrpc.newStub(channel);
    }

    @Override
    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        Event event = Event.newBuilder().setType(type).setAction(action).setActorId(actorId)
                .putAllAttributes(attributes).setScope("local").build();
        try {
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).publishEvent(
                    PublishEventRequest.newBuilder().setEvent(event).build(), new StreamObserver<>() {
                        @Override
                        public void onNext(PublishEventResponse value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            LOG.debug("event {} {} {} not published: {}", type, action, actorId, t.toString());
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("event {} {} {} not published: {}", type, action, actorId, e.toString());
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
    }
}
