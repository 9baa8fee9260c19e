package io.berth.gateway.router.registry;

import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.storage.v1.DistributionGrpc;
import io.berth.proto.storage.v1.DistributionProgress;
import io.berth.proto.storage.v1.InspectDistributionRequest;
import io.berth.proto.storage.v1.InspectDistributionResponse;
import io.berth.proto.storage.v1.LoginRequest;
import io.berth.proto.storage.v1.LoginResponse;
import io.berth.proto.storage.v1.PullImageRequest;
import io.berth.proto.storage.v1.PushImageRequest;
import io.berth.proto.storage.v1.SearchImagesRequest;
import io.berth.proto.storage.v1.SearchImagesResponse;
import jakarta.inject.Inject;

/** {@link DistributionBackend} over storage's Distribution stubs. */
public final class GrpcDistributionBackend implements DistributionBackend {
    private final DistributionGrpc.DistributionBlockingStub blocking;
    private final DistributionGrpc.DistributionStub async;

    /**
     * @param blocking berth.storage.v1.Distribution (blocking)
     * @param async berth.storage.v1.Distribution (async, for the progress streams)
     */
    @Inject
    public GrpcDistributionBackend(DistributionGrpc.DistributionBlockingStub blocking,
                                   DistributionGrpc.DistributionStub async) {
        this.blocking = blocking;
        this.async = async;
    }

    @Override
    public ResponseStream<DistributionProgress> pullImage(PullImageRequest request) {
        GrpcStream<PullImageRequest, DistributionProgress> s = new GrpcStream<>("storage");
        async.pullImage(request, s);
        return s;
    }

    @Override
    public ResponseStream<DistributionProgress> pushImage(PushImageRequest request) {
        GrpcStream<PushImageRequest, DistributionProgress> s = new GrpcStream<>("storage");
        async.pushImage(request, s);
        return s;
    }

    @Override
    public LoginResponse login(LoginRequest request) {
        return ServiceCall.call("storage", () -> blocking.login(request));
    }

    @Override
    public SearchImagesResponse searchImages(SearchImagesRequest request) {
        return ServiceCall.call("storage", () -> blocking.searchImages(request));
    }

    @Override
    public InspectDistributionResponse inspectDistribution(InspectDistributionRequest request) {
        return ServiceCall.call("storage", () -> blocking.inspectDistribution(request));
    }
}
