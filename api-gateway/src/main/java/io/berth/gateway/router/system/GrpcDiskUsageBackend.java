package io.berth.gateway.router.system;

import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.storage.v1.SnapshotInfo;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.berth.proto.storage.v1.StatSnapshotRequest;
import io.berth.proto.storage.v1.UsageRequest;
import jakarta.inject.Inject;

/** {@link DiskUsageBackend} over the storage service's Snapshots stub. */
public final class GrpcDiskUsageBackend implements DiskUsageBackend {
    private final SnapshotsGrpc.SnapshotsBlockingStub snapshots;

    /** @param snapshots berth.storage.v1.Snapshots */
    @Inject
    public GrpcDiskUsageBackend(SnapshotsGrpc.SnapshotsBlockingStub snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public SnapshotInfo stat(String name) {
        try {
            return ServiceCall.call("storage",
                    () -> snapshots.stat(StatSnapshotRequest.newBuilder().setKey(name).build()).getInfo());
        } catch (NotFoundException gone) {
            // An image being deleted meanwhile: no parent, no size, rather than failing the whole df.
            return SnapshotInfo.newBuilder().setName(name).build();
        }
    }

    @Override
    public long usageBytes(String key) {
        try {
            return ServiceCall.call("storage",
                    () -> snapshots.usage(UsageRequest.newBuilder().setKey(key).build()).getSizeBytes());
        } catch (NotFoundException gone) {
            return -1;
        }
    }
}
