package io.berth.engine.client;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link EventPublisher} over the monitor service's gRPC API: one background thread sends the events in
 * order, each with a 5 s deadline; failures are logged at debug and dropped; at most 10 000 events wait.
 */
@Singleton
public final class GrpcEventPublisher implements EventPublisher, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(GrpcEventPublisher.class);

    private final ManagedChannel channel;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "event-publisher");
                t.setDaemon(true);
                return t;
            });

    /** @param channel channel to the monitor service */
    @Inject
    public GrpcEventPublisher(@Named("events") ManagedChannel channel) {
        this.channel = channel;
    }

    @Override
    public void publish(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
        Event e = Event.newBuilder().setType(type).setAction(action).setActorId(actorId)
                .putAllAttributes(attributes).setScope("local").setTimeNano(timeNano).build();
        try {
            sender.execute(() -> send(e));
        } catch (RejectedExecutionException ex) {
            LOG.warn("event queue full or closed; dropping {} {} {}", type, action, actorId);
        }
    }

    private void send(Event e) {
        try {
            EventsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .publishEvent(PublishEventRequest.newBuilder().setEvent(e).build());
        } catch (StatusRuntimeException ex) {
            LOG.debug("cannot publish {} {}: {}", e.getType(), e.getAction(), ex.getStatus());
        }
    }

    /** Sends the queued events (up to 5 s), then stops. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
