package io.berth.gateway.grpc;

import io.berth.gateway.http.RequestTimings;
import io.berth.proto.monitor.v1.RecordRequestsRequest;
import io.berth.proto.monitor.v1.RequestTiming;
import io.berth.proto.monitor.v1.RequestsGrpc;
import io.grpc.ManagedChannel;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends the gateway's request timings to the monitor ({@code berth.monitor.v1.Requests.RecordRequests}) in one
 * batch every {@value #FLUSH_MILLIS} ms, from its own thread (a call started on a gRPC or request thread
 * would inherit that request's Context). Timings are metrics, not events: at most {@value #QUEUE} wait, more
 * are dropped, and a batch the monitor cannot take (it is restarting) is dropped and counted in the log, never
 * retried, so a request never waits for the monitor.
 */
@Singleton
public final class MonitorRequestTimings implements RequestTimings, AutoCloseable {
    /** Time between two batches. */
    static final long FLUSH_MILLIS = 1000;
    /** The most timings waiting for the next batch. */
    static final int QUEUE = 10_000;

    private static final Logger LOG = LogManager.getLogger(MonitorRequestTimings.class);

    private final BlockingQueue<RequestTiming> queue = new ArrayBlockingQueue<>(QUEUE);
    private final RequestsGrpc.RequestsBlockingStub monitor;
    private final ScheduledExecutorService timer;

    /** @param channels the monitor's channel */
    @Inject
    public MonitorRequestTimings(GatewayChannels channels) {
        this(channels.monitor());
    }

    /** @param monitor the monitor's channel */
    MonitorRequestTimings(ManagedChannel monitor) {
        this.monitor = RequestsGrpc.newBlockingStub(monitor);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "request-timings");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(String method, String endpoint, long durationNanos) {
        queue.offer(RequestTiming.newBuilder().setMethod(method).setEndpoint(endpoint)
                .setDurationNanos(Math.max(0, durationNanos)).build());
    }

    /** Sends what is queued, in one call (5 s deadline); drops it if the monitor does not take it. */
    void flush() {
        List<RequestTiming> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return;
        }
        try {
            monitor.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .recordRequests(RecordRequestsRequest.newBuilder().addAllTimings(batch).build());
        } catch (RuntimeException e) {
            LOG.debug("dropped {} request timings: the monitor did not take them: {}", batch.size(), e.toString());
        }
    }

    /** Sends what is left and stops. */
    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
