package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.storage.v1.ExportSnapshotRequest;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.berth.proto.storage.v1.SnapshotChangesRequest;
import io.berth.proto.storage.v1.SnapshotChangesResponse;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import jakarta.inject.Inject;

/** {@link SnapshotsBackend} over the storage service's berth.storage.v1.Snapshots stubs. */
public final class GrpcSnapshotsBackend implements SnapshotsBackend {
    private final SnapshotsGrpc.SnapshotsBlockingStub blocking;
    private final SnapshotsGrpc.SnapshotsStub async;

    /**
     * @param blocking the blocking stub (Changes)
     * @param async the async stub (the Export stream, with flow control)
     */
    @Inject
    public GrpcSnapshotsBackend(SnapshotsGrpc.SnapshotsBlockingStub blocking, SnapshotsGrpc.SnapshotsStub async) {
        this.blocking = blocking;
        this.async = async;
    }

    @Override
    public SnapshotChangesResponse changes(SnapshotChangesRequest request) {
        return ServiceCall.call("storage", () -> blocking.changes(request));
    }

    @Override
    public ResponseStream<ExportSnapshotResponse> export(ExportSnapshotRequest request) {
        GrpcStream<ExportSnapshotRequest, ExportSnapshotResponse> s = new GrpcStream<>("storage");
        async.export(request, s);
        return s;
    }
}
