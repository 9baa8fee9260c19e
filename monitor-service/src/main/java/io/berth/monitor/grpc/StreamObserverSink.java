package io.berth.monitor.grpc;

import io.berth.monitor.events.EventSink;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Delivers a subscription's events to one SubscribeEvents stream, honouring gRPC flow control
 * ({@link ServerCallStreamObserver#isReady()}). A dropped subscriber's stream ends with RESOURCE_EXHAUSTED.
 */
final class StreamObserverSink implements EventSink {
    private final ServerCallStreamObserver<SubscribeEventsResponse> observer;

    StreamObserverSink(ServerCallStreamObserver<SubscribeEventsResponse> observer) {
        this.observer = observer;
    }

    @Override
    public boolean isReady() {
        return observer.isReady();
    }

    @Override
    public void onEvent(Event event) {
        observer.onNext(SubscribeEventsResponse.newBuilder().setEvent(event).build());
    }

    @Override
    public void onComplete() {
        observer.onCompleted();
    }

    @Override
    public void onDropped(String reason) {
        observer.onError(Status.RESOURCE_EXHAUSTED.withDescription(reason).asRuntimeException());
    }
}
