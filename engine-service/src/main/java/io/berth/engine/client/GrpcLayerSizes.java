package io.berth.engine.client;

import io.berth.common.grpc.GrpcErrors;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.berth.proto.storage.v1.UsageRequest;
import io.grpc.ManagedChannel;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.TimeUnit;

/** {@link LayerSizes} over the storage service's Snapshots and Images gRPC services. */
public final class GrpcLayerSizes implements LayerSizes {
    private final ManagedChannel channel;

    /** @param channel channel to the storage service */
    @Inject
    public GrpcLayerSizes(@Named("storage") ManagedChannel channel) {
        this.channel = channel;
    }

    @Override
    public long writableLayer(String containerId) {
        return GrpcErrors.call(() -> SnapshotsGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.MINUTES)
                .usage(UsageRequest.newBuilder().setKey(containerId).build())).getSizeBytes();
    }

    @Override
    public long image(String imageId) {
        return GrpcErrors.call(() -> ImagesGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .getImage(GetImageRequest.newBuilder().setReference(imageId).build())).getImage().getSizeBytes();
    }
}
