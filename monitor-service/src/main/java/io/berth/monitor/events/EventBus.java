package io.berth.monitor.events;

import io.berth.common.time.DockerTime;
import io.berth.proto.monitor.v1.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The monitor's event hub (after moby {@code daemon/events/events.go}): a ring of the last
 * {@value #HISTORY_SIZE} events for {@code since}/{@code until} queries, kept in memory and, with an
 * {@link EventJournal}, on disk (the ring is read back from the journal at start, so history survives
 * restarts of monitor-service and berthd), plus live subscribers.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #subscribe} takes the history snapshot and registers the subscriber under the same lock as
 *       {@link #publish} appends, so every event is seen exactly once, either from history or live, and
 *       every subscriber sees events in publication order.</li>
 *   <li>A publisher never waits for a subscriber: each subscriber has a bounded queue
 *       ({@value #SUBSCRIBER_QUEUE_SIZE} live events beyond its history); one that overflows is dropped
 *       and its stream ended ({@link EventSink#onDropped}).</li>
 *   <li>Times are nanoseconds since the Unix epoch, from the bound {@link Clock}.</li>
 * </ul>
 */
@Singleton
public final class EventBus implements AutoCloseable {
    /** Events kept for {@code since} queries (moby keeps 256, in memory only). */
    public static final int HISTORY_SIZE = 5000;
    /** Live events a subscriber may have pending before it is dropped. */
    public static final int SUBSCRIBER_QUEUE_SIZE = 1024;

    private static final Logger LOG = LogManager.getLogger(EventBus.class);

    private final Clock clock;
    private final int historySize;
    private final int queueSize;
    private final ExecutorService delivery;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private final Set<Subscription> subscribers = new LinkedHashSet<>();
    private final EventJournal journal;

    /**
     * A bus without a journal (history in memory only).
     *
     * @param clock the source of event times
     */
    public EventBus(Clock clock) {
        this(clock, HISTORY_SIZE, SUBSCRIBER_QUEUE_SIZE);
    }

    /**
     * A bus whose history is the journal's: its last {@value #HISTORY_SIZE} events are loaded now, and every
     * event is appended to it before {@link #publish} returns.
     *
     * @param clock the source of event times
     * @param journal the on-disk history, owned by the bus from now on (closed by {@link #close})
     */
    @Inject
    public EventBus(Clock clock, EventJournal journal) {
        this(clock, HISTORY_SIZE, SUBSCRIBER_QUEUE_SIZE, journal);
    }

    /**
     * @param clock the source of event times
     * @param historySize events kept for {@code since} queries (at least 1)
     * @param queueSize live events a subscriber may have pending before it is dropped (at least 1)
     */
    public EventBus(Clock clock, int historySize, int queueSize) {
        this(clock, historySize, queueSize, null);
    }

    /**
     * @param clock the source of event times
     * @param historySize events kept for {@code since} queries (at least 1)
     * @param queueSize live events a subscriber may have pending before it is dropped (at least 1)
     * @param journal the on-disk history (its last {@code historySize} events are loaded now), or null for
     *     history in memory only
     */
    public EventBus(Clock clock, int historySize, int queueSize, EventJournal journal) {
        if (historySize < 1 || queueSize < 1) {
            throw new IllegalArgumentException("historySize and queueSize must be positive");
        }
        this.clock = clock;
        this.historySize = historySize;
        this.queueSize = queueSize;
        this.journal = journal;
        if (journal != null) {
            history.addAll(journal.recovered(historySize));
        }
        this.delivery = Executors.newCachedThreadPool(daemonThreads("event-delivery"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("event-until"));
    }

    /** @return the current time in nanoseconds since the Unix epoch, from the bound clock */
    public long nowNano() {
        return DockerTime.toNanos(clock.instant());
    }

    /**
     * Records an event and queues it for every matching subscriber. Stamps {@code time_nano} with the clock
     * when it is 0 and {@code scope} "local" when it is empty.
     *
     * With a journal the event is written to it first (see {@link EventJournal}'s durability policy); if
     * that fails, the event is neither recorded nor delivered and the exception propagates, so the publisher
     * can retry.
     *
     * @param event the event (type and action set)
     * @return the event as recorded
     * @throws java.io.UncheckedIOException if the journal cannot be written
     */
    public Event publish(Event event) {
        Event.Builder b = event.toBuilder();
        if (b.getTimeNano() == 0) {
            b.setTimeNano(nowNano());
        }
        if (b.getScope().isEmpty()) {
            b.setScope("local");
        }
        Event stamped = b.build();
        synchronized (lock) {
            if (journal != null) {
                journal.append(stamped);
            }
            if (history.size() == historySize) {
                history.removeFirst();
            }
            history.addLast(stamped);
            for (Subscription s : new ArrayList<>(subscribers)) {
                s.offer(stamped);
            }
        }
        LOG.debug("event {} {} {}", stamped.getType(), stamped.getAction(), stamped.getActorId());
        return stamped;
    }

    /**
     * Subscribes to events with Docker's {@code since}/{@code until} semantics (API 1.41 {@code GET /events}):
     * past events with {@code since <= time <= until} come first, from the history; then live events.
     * With {@code until} in the past or present the subscription ends after the history; with {@code until}
     * in the future it ends when that time is reached.
     *
     * @param query filter and time window
     * @param sink where to deliver
     * @return the subscription; {@link Subscription#close()} cancels it
     */
    public Subscription subscribe(EventQuery query, EventSink sink) {
        long now = nowNano();
        long untilNano = query.untilNano();
        boolean endsNow = untilNano != 0 && untilNano <= now;
        Subscription sub;
        synchronized (lock) {
            List<Event> past = new ArrayList<>();
            if (query.sinceNano() != 0) {
                for (Event e : history) {
                    if (query.accepts(e)) {
                        past.add(e);
                    }
                }
            }
            sub = new Subscription(query, sink, past.size() + queueSize, delivery, this::remove);
            for (Event e : past) {
                sub.offer(e);
            }
            if (!endsNow) {
                subscribers.add(sub);
            }
        }
        if (endsNow) {
            sub.finish();
        } else if (untilNano != 0) {
            sub.attachTimer(timer.schedule(sub::finish, untilNano - now, TimeUnit.NANOSECONDS));
        }
        return sub;
    }

    /** @return the number of live subscribers */
    public int subscriberCount() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    private void remove(Subscription s) {
        synchronized (lock) {
            subscribers.remove(s);
        }
    }

    /** Ends every subscription normally (their streams complete) and stops the bus's threads. */
    @Override
    public void close() {
        List<Subscription> all;
        synchronized (lock) {
            all = new ArrayList<>(subscribers);
        }
        all.forEach(Subscription::finish);
        timer.shutdownNow();
        if (journal != null) {
            synchronized (lock) {
                journal.close();
            }
        }
        delivery.shutdown();
        try {
            delivery.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
