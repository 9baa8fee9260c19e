package io.berth.gateway.router.events;

import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.gateway.host.EventsListeners;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.TimeUnit;

/**
 * {@link EventsBackend} over the monitor's berth.monitor.v1.Events async stub. Because the events response
 * headers go out before any event (dockerd flushes them at once), the monitor's gRPC health service is asked
 * first, so an unreachable monitor is a 503 rather than a cut stream. Each open subscription is counted in
 * {@link EventsListeners} (GET /info NEventsListener) until it is closed.
 */
public final class GrpcEventsBackend implements EventsBackend {
    private final EventsGrpc.EventsStub events;
    private final HealthGrpc.HealthBlockingStub health;
    private final EventsListeners listeners;

    /**
     * @param events berth.monitor.v1.Events
     * @param health grpc.health.v1.Health of the monitor
     * @param listeners the count of open events streams
     */
    @Inject
    public GrpcEventsBackend(EventsGrpc.EventsStub events, @Named("monitor") HealthGrpc.HealthBlockingStub health,
                             EventsListeners listeners) {
        this.events = events;
        this.health = health;
        this.listeners = listeners;
    }

    @Override
    public ResponseStream<SubscribeEventsResponse> subscribe(SubscribeEventsRequest request) {
        ServiceCall.call("monitor", () -> health.withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()));
        GrpcStream<SubscribeEventsRequest, SubscribeEventsResponse> stream = new GrpcStream<>("monitor");
        events.subscribeEvents(request, stream);
        return listeners.track(stream);
    }
}
