package io.berth.monitor.grpc;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.monitor.http.MetricsView;
import io.berth.proto.monitor.v1.RecordRequestsRequest;
import io.berth.proto.monitor.v1.RecordRequestsResponse;
import io.berth.proto.monitor.v1.RequestTiming;
import io.berth.proto.monitor.v1.RequestsGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Serves {@code berth.monitor.v1.Requests} (proto/src/main/proto/berth/monitor/v1/requests.proto): the
 * gateway's request timings go into the metrics view's latency histogram.
 */
@Singleton
public final class RequestsService extends RequestsGrpc.RequestsImplBase {
    private final MetricsView view;

    /** @param view the metrics view whose histogram is fed */
    @Inject
    public RequestsService(MetricsView view) {
        this.view = view;
    }

    /**
     * @throws InvalidArgumentException (INVALID_ARGUMENT) for a timing without method or endpoint or with a
     *     negative duration; nothing of that batch is recorded
     */
    @Override
    public void recordRequests(RecordRequestsRequest request, StreamObserver<RecordRequestsResponse> response) {
        for (RequestTiming t : request.getTimingsList()) {
            if (t.getMethod().isEmpty() || t.getEndpoint().isEmpty() || t.getDurationNanos() < 0) {
                throw new InvalidArgumentException("invalid request timing: " + t.toString().replace('\n', ' '));
            }
        }
        for (RequestTiming t : request.getTimingsList()) {
            view.latency().observe(t.getMethod(), t.getEndpoint(), t.getDurationNanos());
        }
        response.onNext(RecordRequestsResponse.getDefaultInstance());
        response.onCompleted();
    }
}
