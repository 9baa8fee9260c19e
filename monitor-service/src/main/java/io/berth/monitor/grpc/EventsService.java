package io.berth.monitor.grpc;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.events.EventFilter;
import io.berth.monitor.events.EventQuery;
import io.berth.monitor.events.Subscription;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.PublishEventResponse;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * gRPC adapter of the {@link EventBus}: serves {@code berth.monitor.v1.Events}
 * (proto/src/main/proto/berth/monitor/v1/events.proto).
 */
@Singleton
public final class EventsService extends EventsGrpc.EventsImplBase {
    private static final Logger LOG = LogManager.getLogger(EventsService.class);

    private final EventBus bus;

    /** @param bus the event hub */
    @Inject
    public EventsService(EventBus bus) {
        this.bus = bus;
    }

    /**
     * Records an event; time_nano 0 is stamped with the monitor's clock, an empty scope becomes "local".
     *
     * @throws InvalidArgumentException (INVALID_ARGUMENT) if the event has no type or no action
     */
    @Override
    public void publishEvent(PublishEventRequest request, StreamObserver<PublishEventResponse> response) {
        Event e = request.getEvent();
        if (e.getType().isEmpty() || e.getAction().isEmpty()) {
            throw new InvalidArgumentException("event needs a type and an action");
        }
        bus.publish(e);
        response.onNext(PublishEventResponse.getDefaultInstance());
        response.onCompleted();
    }

    /**
     * Streams past events in [since, until] from the history, then live ones; ends after the history when
     * until is in the past, at until when it is in the future, else when the caller cancels. A caller that
     * does not keep up is dropped with RESOURCE_EXHAUSTED.
     *
     * @throws InvalidArgumentException (INVALID_ARGUMENT) if since or until is negative or until &lt; since
     */
    @Override
    public void subscribeEvents(SubscribeEventsRequest request, StreamObserver<SubscribeEventsResponse> response) {
        EventQuery query = toQuery(request);
        ServerCallStreamObserver<SubscribeEventsResponse> call =
                (ServerCallStreamObserver<SubscribeEventsResponse>) response;
        AtomicReference<Subscription> sub = new AtomicReference<>();
        // Both handlers must be set before this method returns (gRPC's rule); the subscription comes next.
        call.setOnCancelHandler(() -> {
            Subscription s = sub.get();
            if (s != null) {
                s.close();
            }
        });
        call.setOnReadyHandler(() -> {
            Subscription s = sub.get();
            if (s != null) {
                s.sinkReady();
            }
        });
        sub.set(bus.subscribe(query, new StreamObserverSink(call)));
        if (call.isCancelled()) {
            sub.get().close();
        }
        LOG.debug("events subscriber: since={} until={} filter={}", query.sinceNano(), query.untilNano(),
                query.filter());
    }

    private static EventQuery toQuery(SubscribeEventsRequest r) {
        long since = r.getSinceNano();
        long until = r.getUntilNano();
        if (since < 0 || until < 0) {
            throw new InvalidArgumentException("since and until must not be negative");
        }
        if (until != 0 && until < since) {
            throw new InvalidArgumentException("until must not be before since");
        }
        return new EventQuery(EventFilter.fromProto(r.getFilters()), since, until);
    }
}
