package io.berth.monitor.grpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.http.MetricsView;
import io.berth.monitor.stats.HostCpu;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.RecordRequestsRequest;
import io.berth.proto.monitor.v1.RecordRequestsResponse;
import io.berth.proto.monitor.v1.RequestTiming;
import io.grpc.stub.StreamObserver;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsServiceTest {
    @TempDir
    Path root;
    final EventBus bus = new EventBus(Clock.systemUTC());
    MetricsView view;

    @AfterEach
    void close() {
        bus.close();
    }

    RequestsService service() {
        StatsSampler sampler = new StatsSampler(List::of, pid -> Optional.empty(), new HostCpu(root), Clock.systemUTC());
        view = new MetricsView(sampler, bus, Clock.systemUTC(), root, root);
        return new RequestsService(view);
    }

    static final StreamObserver<RecordRequestsResponse> IGNORE = new StreamObserver<>() {
        @Override
        public void onNext(RecordRequestsResponse value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    };

    String scrape() throws Exception {
        return PrometheusTextFormatWriter.create().toDebugString(view.registry().scrape());
    }

    @Test
    void timings_becomeHistogramObservations() throws Exception {
        RequestsService s = service();
        s.recordRequests(RecordRequestsRequest.newBuilder().addTimings(RequestTiming.newBuilder().setMethod("GET")
                .setEndpoint("/info").setDurationNanos(20_000_000)).build(), IGNORE);
        String text = scrape();
        assertTrue(text.contains("engine_daemon_api_request_duration_seconds_bucket{endpoint=\"/info\",method=\"GET\","
                + "le=\"0.025\"} 1"), text);
        assertTrue(text.contains("engine_daemon_api_request_duration_seconds_bucket{endpoint=\"/info\",method=\"GET\","
                + "le=\"0.01\"} 0"), text);
    }

    @Test
    void aBadTiming_refusesTheWholeBatch() throws Exception {
        RequestsService s = service();
        RecordRequestsRequest bad = RecordRequestsRequest.newBuilder()
                .addTimings(RequestTiming.newBuilder().setMethod("GET").setEndpoint("/info").setDurationNanos(1))
                .addTimings(RequestTiming.newBuilder().setMethod("GET").setDurationNanos(1)).build();
        assertThrows(InvalidArgumentException.class, () -> s.recordRequests(bad, IGNORE));
        assertFalse(scrape().contains("endpoint=\"/info\""), "nothing of the batch recorded");
    }
}
