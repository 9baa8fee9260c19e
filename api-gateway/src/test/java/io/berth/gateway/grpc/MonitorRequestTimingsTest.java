package io.berth.gateway.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.proto.monitor.v1.RecordRequestsRequest;
import io.berth.proto.monitor.v1.RecordRequestsResponse;
import io.berth.proto.monitor.v1.RequestTiming;
import io.berth.proto.monitor.v1.RequestsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorRequestTimingsTest {
    final List<RecordRequestsRequest> batches = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    Server server;
    ManagedChannel channel;
    MonitorRequestTimings timings;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(new RequestsGrpc.RequestsImplBase() {
            @Override
            public void recordRequests(RecordRequestsRequest request, StreamObserver<RecordRequestsResponse> out) {
                if (down.get()) {
                    out.onError(Status.UNAVAILABLE.asRuntimeException());
                    return;
                }
                batches.add(request);
                out.onNext(RecordRequestsResponse.getDefaultInstance());
                out.onCompleted();
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        timings = new MonitorRequestTimings(channel);
    }

    @AfterEach
    void stop() {
        timings.close();
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void flush_sendsEveryQueuedTimingInOneBatch() {
        timings.record("GET", "/containers/json", 1_000_000);
        timings.record("POST", "/containers/{id}/start", 2_000_000);
        timings.flush();
        assertEquals(1, batches.size());
        assertEquals(List.of(
                RequestTiming.newBuilder().setMethod("GET").setEndpoint("/containers/json").setDurationNanos(1_000_000).build(),
                RequestTiming.newBuilder().setMethod("POST").setEndpoint("/containers/{id}/start")
                        .setDurationNanos(2_000_000).build()), batches.get(0).getTimingsList());
        timings.flush();
        assertEquals(1, batches.size(), "nothing queued: no call");
    }

    @Test
    void aBatchTheMonitorRefuses_isDropped_notRetried() {
        down.set(true);
        timings.record("GET", "/_ping", 1);
        timings.flush();
        down.set(false);
        timings.flush();
        assertEquals(0, batches.size());
    }
}
