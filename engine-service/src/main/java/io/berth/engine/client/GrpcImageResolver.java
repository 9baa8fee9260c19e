package io.berth.engine.client;

import io.berth.common.grpc.GrpcErrors;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.grpc.ManagedChannel;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.TimeUnit;

/** {@link ImageResolver} over the storage service's gRPC API. */
public final class GrpcImageResolver implements ImageResolver {
    private final ManagedChannel channel;

    /** @param channel channel to the storage service */
    @Inject
    public GrpcImageResolver(@Named("storage") ManagedChannel channel) {
        this.channel = channel;
    }

    @Override
    public ResolvedImage resolve(String reference) {
        Image img = GrpcErrors.call(() -> ImagesGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .getImage(GetImageRequest.newBuilder().setReference(reference).build())).getImage();
        return new ResolvedImage(img.getId(), img.getConfigJson().toByteArray(), img.getTopChainId(), img.getDriver());
    }
}
