package io.berth.engine.logs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Streams a log ({@link LogSource}) to one {@link LogSubscriber} at the subscriber's pace: it reads a bounded
 * chunk from its own byte offset whenever the subscriber {@link LogSubscriber#isReady() is ready} and something
 * is there to read, so memory stays bounded however fast the container writes and however slowly the client
 * reads (dockerd's json-file reader follows the file the same way). A live pump follows the file until the
 * container's {@link LogHub} closes and the file is read to its end; a snapshot pump stops at a fixed offset.
 * Entries after the query's {@code until} end the stream; others are filtered by stream and {@code since}.
 *
 * <p>Draining is serialized (whichever thread wakes the pump drains for everyone), and nothing is delivered
 * before {@link #start()}, so the caller can send its own first message (attach's "attached") first.
 */
public final class LogPump implements LogHub.Subscription, LogHub.Listener {
    private static final Logger LOG = LogManager.getLogger(LogPump.class);
    /** Bytes of log read per batch. */
    static final int CHUNK_BYTES = 256 * 1024;

    /** Where the last drain after a run's end happens (not on the thread that ends the run). */
    private static final java.util.concurrent.Executor END_WAKER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "log-pump-end");
        t.setDaemon(true);
        return t;
    });

    private final LogSource log;
    private final LogQuery query;
    private final LogSubscriber sink;
    private final AtomicInteger wip = new AtomicInteger();
    private volatile long offset;
    private volatile long limit = Long.MAX_VALUE;
    private volatile boolean ended;
    private volatile boolean started;
    private volatile boolean done;
    private volatile LogHub.Subscription hubSubscription = () -> { };

    private LogPump(LogSource log, LogQuery query, LogSubscriber sink) {
        this.log = log;
        this.query = query;
        this.sink = sink;
    }

    /**
     * A pump over a fixed part of the log, {@code [from, to)}.
     *
     * @param log the log to read
     * @param query stream and time filters ({@code tail} is the caller's job: pass {@code from})
     * @param from start offset, at a line boundary
     * @param to end offset, at a line boundary
     * @param sink where entries go
     * @return the pump, not started
     */
    public static LogPump snapshot(LogSource log, LogQuery query, long from, long to, LogSubscriber sink) {
        LogPump p = new LogPump(log, query, sink);
        p.offset = from;
        p.limit = to;
        p.ended = true;
        return p;
    }

    /**
     * A pump that follows the log until the hub closes.
     *
     * @param hub the container's hub
     * @param log the log to follow: the container's log as {@code docker logs} reads it (text), or as live
     *     attach reads it (raw bytes)
     * @param query stream and time filters
     * @param startAt maps the log's size at subscription time to the offset to start from (e.g. the size
     *     itself for new output only, 0 for everything, {@link RotatingLog#tailStart} for a tail)
     * @param sink where entries go
     * @return the pump, subscribed, not started
     */
    public static LogPump live(LogHub hub, LogSource log, LogQuery query, LongUnaryOperator startAt,
                               LogSubscriber sink) {
        LogPump p = new LogPump(log, query, sink);
        p.hubSubscription = hub.subscribe(p, () -> p.offset = startAt.applyAsLong(log.size()));
        return p;
    }

    /**
     * A pump that follows the container's log through its next run (attach to a stopped
     * container): see {@link LogHub#subscribeNextRun}.
     *
     * @param hub the container's hub
     * @param log the container's log (it outlives runs)
     * @param query stream and time filters
     * @param startAt maps the log's size at subscription time to the offset to start from
     * @param sink where entries go
     * @return the pump, subscribed, not started
     */
    public static LogPump nextRun(LogHub hub, LogSource log, LogQuery query, LongUnaryOperator startAt,
                                  LogSubscriber sink) {
        LogPump p = new LogPump(log, query, sink);
        p.hubSubscription = hub.subscribeNextRun(p, () -> p.offset = startAt.applyAsLong(log.size()));
        return p;
    }

    /** Starts delivering (drains what is there now, on this thread). */
    public void start() {
        started = true;
        wake();
    }

    /**
     * Drains what can be delivered now: call it when the subscriber becomes ready again. Never blocks on
     * another thread's drain.
     */
    public void wake() {
        if (!started || wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                drain();
            } catch (RuntimeException e) {
                LOG.debug("log stream ended by an error: {}", e.toString());
                close();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        while (!done && sink.isReady()) {
            boolean endedBefore = ended;
            LogSource.Chunk c = log.readFrom(offset, limit, CHUNK_BYTES);
            if (c.nextOffset() == offset) {
                if (endedBefore) {
                    finish();
                }
                return;
            }
            offset = c.nextOffset();
            for (LogEntry e : c.entries()) {
                if (query.isAfterUntil(e)) {
                    sink.onBatchEnd();
                    finish();
                    return;
                }
                if (query.accepts(e)) {
                    sink.onEntry(e);
                }
            }
            sink.onBatchEnd();
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            hubSubscription.close();
            log.close();
            sink.onEnd();
        }
    }

    @Override
    public void onAppended() {
        wake();
    }

    @Override
    public void onClosed() {
        ended = true;
        END_WAKER.execute(this::wake); // never drain a backlog on the exit handler's thread
    }

    /** @return true once the end was delivered or the pump was closed */
    public boolean isDone() {
        return done;
    }

    /** Stops for good without {@code onEnd} (the client went away). */
    @Override
    public void close() {
        done = true;
        hubSubscription.close();
        log.close();
    }
}
