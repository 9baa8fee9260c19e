package io.berth.common.events;

import io.berth.common.grpc.RequestIds;
import io.berth.common.grpc.UnixChannels;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link EventPublisher} over berth.monitor.v1 {@code Events.PublishEvent}, recorded before the operation
 * answers: dockerd appends an event to its log before the API call returns, so a client running
 * {@code docker exec c true; docker events --since X --until now} sees the exec's events.
 *
 * <p>Events wait in one ordered queue (at most {@value #QUEUE_LIMIT}; more are dropped with a warning) that
 * one background thread sends one at a time; {@link #publish} waits until the monitor acknowledged its own
 * event, at most {@value #ACK_WAIT_MILLIS} ms (a unix-socket round trip, about 0.2 ms, when the monitor is
 * up). When the monitor cannot be reached the head of the queue is retried in the background (back-off
 * {@value #MIN_RETRY_MILLIS} ms doubling to {@value #MAX_RETRY_MILLIS} ms), order kept, and publishers do
 * not wait while that outage lasts, so an operation never fails and is slowed at most once by a down
 * monitor. An event the monitor refuses as malformed (INVALID_ARGUMENT and the like) is logged and dropped.
 * An event whose acknowledgement was lost (a deadline after the monitor recorded it) is sent again: the
 * monitor may then show it twice, never lose it.
 *
 * <p>Each event is sent with the request ID of the thread that published it ({@link RequestIds}), so the
 * monitor's log of the event carries the API request's ID.
 *
 * <p>Sending from our own thread matters: a call started on a gRPC handler thread inherits that request's
 * {@link io.grpc.Context} and is cancelled as soon as the request completes, which silently lost events.
 */
public final class MonitorEventPublisher implements EventPublisher {
    private static final Logger LOG = LogManager.getLogger(MonitorEventPublisher.class);
    /** Events that may wait for the monitor before new ones are dropped. */
    public static final int QUEUE_LIMIT = 10_000;
    /** How long {@link #publish} waits for the monitor's acknowledgement, milliseconds. */
    public static final long ACK_WAIT_MILLIS = 1_000;
    static final long MIN_RETRY_MILLIS = 50;
    static final long MAX_RETRY_MILLIS = 2_000;
    private static final long SEND_DEADLINE_MILLIS = 2_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final ManagedChannel channel;
    private final EventsGrpc.EventsBlockingStub stub;
    private final Clock clock;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread sender;
    /** Guarded by {@link #queue}. */
    private boolean closing;
    /** Guarded by {@link #queue}: the last send failed and the monitor is retried in the background. */
    private boolean outage;

    /** An event waiting to be sent, with the request ID of the operation that published it (or null). */
    private record Pending(Event event, CountDownLatch sent, String requestId) {
    }

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
        this.sender = new Thread(this::sendLoop, "event-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Queues the event and waits (at most {@value #ACK_WAIT_MILLIS} ms, not at all during an outage of the
     * monitor) until the monitor recorded it. Never throws.
     */
    @Override
    public void publish(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
        long t = timeNano >= 0 ? timeNano : nowNanos();
        Event event = Event.newBuilder().setType(type).setAction(action).setActorId(actorId)
                .putAllAttributes(attributes).setScope("local").setTimeNano(t).build();
        Pending p = new Pending(event, new CountDownLatch(1), RequestIds.current());
        boolean wait;
        synchronized (queue) {
            if (closing || queue.size() >= QUEUE_LIMIT) {
                LOG.warn("event queue full or closed; dropping {} {} {}", type, action, actorId);
                return;
            }
            queue.addLast(p);
            wait = !outage;
            queue.notifyAll();
        }
        if (!wait) {
            return;
        }
        try {
            if (!p.sent().await(ACK_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("event {} {} {} not acknowledged by the monitor within {} ms; sent in the background",
                        type, action, actorId, ACK_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void sendLoop() {
        long retry = MIN_RETRY_MILLIS;
        while (true) {
            Pending head;
            synchronized (queue) {
                while (queue.isEmpty() && !closing) {
                    waitOn(Long.MAX_VALUE);
                }
                if (queue.isEmpty()) {
                    return;
                }
                head = queue.peekFirst();
            }
            boolean done;
            try (RequestIds.Scope s = RequestIds.enter(head.requestId())) {
                done = send(head.event());
            }
            synchronized (queue) {
                if (done) {
                    queue.pollFirst();
                    head.sent().countDown();
                    outage = false;
                    retry = MIN_RETRY_MILLIS;
                    continue;
                }
                outage = true;
                if (closing) {
                    LOG.warn("monitor unreachable at shut-down; {} events not published", queue.size());
                    return;
                }
                waitOn(retry);
            }
            retry = Math.min(retry * 2, MAX_RETRY_MILLIS);
            channel.resetConnectBackoff();
        }
    }

    /** Waits on the queue's monitor (held by the caller); an interrupt ends the wait only. */
    private void waitOn(long millis) {
        try {
            queue.wait(millis == Long.MAX_VALUE ? 0 : millis);
        } catch (InterruptedException e) {
            closing = true;
        }
    }

    /** @return true when the event is recorded or refused for good, false to retry it */
    private boolean send(Event event) {
        try {
            stub.withDeadlineAfter(SEND_DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .publishEvent(PublishEventRequest.newBuilder().setEvent(event).build());
            return true;
        } catch (StatusRuntimeException e) {
            if (retryable(e.getStatus().getCode())) {
                LOG.debug("event {} {} {} not published yet: {}", event.getType(), event.getAction(),
                        event.getActorId(), e.getStatus());
                return false;
            }
            LOG.warn("event {} {} {} refused by the monitor: {}", event.getType(), event.getAction(),
                    event.getActorId(), e.getStatus());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("event {} {} {} not published yet: {}", event.getType(), event.getAction(),
                    event.getActorId(), e.toString());
            return false;
        }
    }

    private static boolean retryable(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, UNIMPLEMENTED, PERMISSION_DENIED, OUT_OF_RANGE,
                 ALREADY_EXISTS, NOT_FOUND -> false;
            default -> true;
        };
    }

    /**
     * Sends the events still queued (at most 5 s; stops early when the monitor cannot be reached), then
     * closes the channel.
     */
    @Override
    public void close() {
        synchronized (queue) {
            closing = true;
            queue.notifyAll();
        }
        try {
            sender.join(CLOSE_WAIT_MILLIS);
            channel.shutdown();
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
    }
}
