package io.berth.common.events;

import io.berth.common.grpc.UnixChannels;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link EventPublisher} over berth.monitor.v1 {@code Events.PublishEvent}.
 *
 * <p>One background thread sends the events in order, each with a 5 s deadline; a failure is logged and
 * the event dropped (the operation that raised it never fails because the monitor is down); at most
 * {@value #QUEUE_LIMIT} events wait, more are dropped with a warning. Sending from our own thread matters: a
 * call started on a gRPC handler thread inherits that request's {@link io.grpc.Context} and is cancelled as
 * soon as the request completes, which silently lost events.
 */
public final class MonitorEventPublisher implements EventPublisher {
    private static final Logger LOG = LogManager.getLogger(MonitorEventPublisher.class);
    /** Events that may wait for the monitor before new ones are dropped. */
    public static final int QUEUE_LIMIT = 10_000;

    private final ManagedChannel channel;
    private final EventsGrpc.EventsBlockingStub stub;
    private final Clock clock;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE_LIMIT), r -> {
                Thread t = new Thread(r, "event-publisher");
                t.setDaemon(true);
                return t;
            });

    /** @param socket the monitor's socket, {@code <exec-root>/monitor.sock} */
    public MonitorEventPublisher(Path socket) {
        this(UnixChannels.connect(socket), Clock.systemUTC());
    }

    /**
     * @param channel a channel to the monitor, owned by this publisher from now on (tests pass an
     *     in-process channel)
     * @param clock the clock events without a time are stamped with
     */
    public MonitorEventPublisher(ManagedChannel channel, Clock clock) {
        this.channel = channel;
        this.stub = EventsGrpc.newBlockingStub(channel);
        this.clock = clock;
    }

    @Override
    public void publish(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
        long t = timeNano >= 0 ? timeNano : nowNanos();
        Event event = Event.newBuilder().setType(type).setAction(action).setActorId(actorId)
                .putAllAttributes(attributes).setScope("local").setTimeNano(t).build();
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            LOG.warn("event queue full or closed; dropping {} {} {}", type, action, actorId);
        }
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void send(Event event) {
        try {
            stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .publishEvent(PublishEventRequest.newBuilder().setEvent(event).build());
        } catch (RuntimeException e) {
            LOG.warn("event {} {} {} not published: {}", event.getType(), event.getAction(), event.getActorId(),
                    e.toString());
        }
    }

    /** Sends the events still queued (at most 5 s), then closes the channel. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
            channel.shutdown();
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
    }
}
