package io.berth.engine.client;

import io.berth.common.grpc.GrpcErrors;
import io.berth.engine.container.SnapshotMount;
import io.berth.proto.storage.v1.ListSnapshotsRequest;
import io.berth.proto.storage.v1.PrepareSnapshotRequest;
import io.berth.proto.storage.v1.SnapshotInfo;
import io.berth.proto.storage.v1.SnapshotKind;
import io.berth.proto.storage.v1.PrepareSnapshotResponse;
import io.berth.proto.storage.v1.RemoveSnapshotRequest;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.grpc.ManagedChannel;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.TimeUnit;

/** {@link SnapshotClient} over the storage service's gRPC API. */
public final class GrpcSnapshotClient implements SnapshotClient {
    private final ManagedChannel channel;

    /** @param channel channel to the storage service */
    @Inject
    public GrpcSnapshotClient(@Named("storage") ManagedChannel channel) {
        this.channel = channel;
    }

    @Override
    public PreparedSnapshot prepare(String key, String parent) {
        PrepareSnapshotResponse r = GrpcErrors.call(() -> stub().prepare(
                PrepareSnapshotRequest.newBuilder().setKey(key).setParent(parent).build()));
        return new PreparedSnapshot(r.getMountsList().stream()
                .map(m -> new SnapshotMount(m.getType(), m.getSource(), m.getOptionsList())).toList(),
                r.getDriverDataMap());
    }

    @Override
    public void remove(String key) {
        GrpcErrors.call(() -> stub().remove(RemoveSnapshotRequest.newBuilder().setKey(key).build()));
    }

    @Override
    public java.util.List<String> activeKeys() {
        return GrpcErrors.call(() -> SnapshotsGrpc.newBlockingStub(channel).withWaitForReady()
                .withDeadlineAfter(1, TimeUnit.MINUTES).list(ListSnapshotsRequest.newBuilder().setKind(SnapshotKind.SNAPSHOT_KIND_ACTIVE).build()))
                .getSnapshotsList().stream().map(SnapshotInfo::getName).toList();
    }

    private SnapshotsGrpc.SnapshotsBlockingStub stub() {
        // Preparing a vfs snapshot copies the whole image: allow it time.
        return SnapshotsGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES);
    }
}
