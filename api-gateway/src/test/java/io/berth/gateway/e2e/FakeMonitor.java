package io.berth.gateway.e2e;

import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import io.grpc.stub.StreamObserver;

/** A monitor whose history holds a container's create and start; it streams the history, then ends. */
final class FakeMonitor extends EventsGrpc.EventsImplBase {
    static final long T = 1_795_943_710_123_456_789L;

    volatile SubscribeEventsRequest last;

    @Override
    public void subscribeEvents(SubscribeEventsRequest req, StreamObserver<SubscribeEventsResponse> out) {
        last = req;
        for (String action : new String[] {"create", "start"}) {
            out.onNext(SubscribeEventsResponse.newBuilder().setEvent(Event.newBuilder().setType("container")
                    .setAction(action).setActorId(FakeEngine.ID).putAttributes("name", "web")
                    .putAttributes("image", "fixture/busybox:1").setScope("local").setTimeNano(T)).build());
        }
        out.onCompleted();
    }
}
