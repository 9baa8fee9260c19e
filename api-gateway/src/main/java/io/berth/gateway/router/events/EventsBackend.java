package io.berth.gateway.router.events;

import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;

/** What {@link EventsRouter} needs from the monitor service (Docker Engine API 1.41 {@code GET /events}). */
public interface EventsBackend {
    /**
     * monitor SubscribeEvents: history in [since, until], then live events unless until is set.
     *
     * @param request since/until in ns since the epoch and filters
     * @return the event stream; closing it cancels the subscription
     */
    ResponseStream<SubscribeEventsResponse> subscribe(SubscribeEventsRequest request);
}
