package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.monitor.v1.ContainerStatsRequest;
import io.berth.proto.monitor.v1.ContainerStatsResponse;
import io.berth.proto.monitor.v1.StatsGrpc;
import jakarta.inject.Inject;

/** {@link StatsBackend} over the monitor service's berth.monitor.v1.Stats stub. */
public final class GrpcStatsBackend implements StatsBackend {
    private final StatsGrpc.StatsStub async;

    /** @param async the async stub (the stream, with flow control) */
    @Inject
    public GrpcStatsBackend(StatsGrpc.StatsStub async) {
        this.async = async;
    }

    @Override
    public ResponseStream<ContainerStatsResponse> stats(ContainerStatsRequest request) {
        GrpcStream<ContainerStatsRequest, ContainerStatsResponse> s = new GrpcStream<>("monitor");
        async.containerStats(request, s);
        return s;
    }
}
