package io.berth.monitor.events;

import io.berth.proto.monitor.v1.Event;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One subscriber of the {@link EventBus}: its filter and time window, a bounded queue of events not yet
 * delivered, and a drain loop that hands them to the {@link EventSink} while the sink is ready.
 *
 * <p>Publishers only enqueue ({@link #offer}), so they never wait for a subscriber. When the queue is full
 * the subscriber is dropped: the queue is discarded and the sink gets {@link EventSink#onDropped}. The drain
 * loop runs on the bus's delivery executor, one run at a time per subscription (a work-in-progress counter),
 * so the sink is never called concurrently.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Subscription.class);

    private enum End { NONE, COMPLETE, DROPPED, CANCELLED }

    private final EventQuery query;
    private final EventSink sink;
    private final int capacity;
    private final Executor delivery;
    private final Consumer<Subscription> onEnd;
    private final Object lock = new Object();
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private final AtomicInteger wip = new AtomicInteger();
    private End end = End.NONE;
    private boolean endSignalled;
    private Future<?> untilTimer;

    Subscription(EventQuery query, EventSink sink, int capacity, Executor delivery, Consumer<Subscription> onEnd) {
        this.query = query;
        this.sink = sink;
        this.capacity = capacity;
        this.delivery = delivery;
        this.onEnd = onEnd;
    }

    /**
     * Queues {@code e} if it is accepted. Never blocks; drops the subscriber if its queue is full.
     *
     * @param e a published event
     */
    void offer(Event e) {
        if (!query.accepts(e)) {
            return;
        }
        boolean dropped = false;
        synchronized (lock) {
            if (end != End.NONE) {
                return;
            }
            if (queue.size() >= capacity) {
                end = End.DROPPED;
                queue.clear();
                dropped = true;
            } else {
                queue.addLast(e);
            }
        }
        if (dropped) {
            LOG.warn("dropping a slow events subscriber: more than {} events pending", capacity);
            ended();
        }
        scheduleDrain();
    }

    /**
     * Attaches the timer that will {@link #finish} this subscription at its {@code until}; it is cancelled
     * if the subscription ends first.
     *
     * @param timer the scheduled finish
     */
    void attachTimer(Future<?> timer) {
        boolean ended;
        synchronized (lock) {
            untilTimer = timer;
            ended = end != End.NONE;
        }
        if (ended) {
            timer.cancel(false);
        }
    }

    /** Ends the subscription normally: events already queued are delivered, then {@link EventSink#onComplete}. */
    public void finish() {
        synchronized (lock) {
            if (end == End.NONE) {
                end = End.COMPLETE;
            }
        }
        ended();
        scheduleDrain();
    }

    /** Tells the subscription that the sink may be ready again (gRPC onReady); resumes delivery. */
    public void sinkReady() {
        scheduleDrain();
    }

    /** @return true once the subscription has ended (completed, dropped or cancelled) */
    public boolean isEnded() {
        synchronized (lock) {
            return end != End.NONE;
        }
    }

    /** Cancels the subscription (the subscriber went away): discards queued events, calls the sink no more. */
    @Override
    public void close() {
        synchronized (lock) {
            end = End.CANCELLED;
            queue.clear();
        }
        ended();
    }

    private void ended() {
        Future<?> timer;
        synchronized (lock) {
            timer = untilTimer;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        onEnd.accept(this);
    }

    private void scheduleDrain() {
        if (wip.getAndIncrement() == 0) {
            try {
                delivery.execute(this::drain);
            } catch (RejectedExecutionException e) {
                wip.set(0); // the bus is closed: nothing is delivered any more
            }
        }
    }

    private void drain() {
        int missed = 1;
        do {
            try {
                drainQueue();
            } catch (RuntimeException e) {
                LOG.debug("events subscriber failed; cancelling it", e);
                close();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drainQueue() {
        while (true) {
            Event next = null;
            End signal = End.NONE;
            synchronized (lock) {
                if (end == End.CANCELLED || endSignalled) {
                    return;
                }
                if (end == End.DROPPED || (end == End.COMPLETE && queue.isEmpty())) {
                    endSignalled = true;
                    signal = end;
                } else if (queue.isEmpty() || !sink.isReady()) {
                    return;
                } else {
                    next = queue.pollFirst();
                }
            }
            if (signal == End.DROPPED) {
                sink.onDropped("events subscriber too slow: more than " + capacity + " events pending");
                return;
            }
            if (signal == End.COMPLETE) {
                sink.onComplete();
                return;
            }
            sink.onEvent(next);
        }
    }
}
