package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.storage.v1.ExportSnapshotRequest;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.berth.proto.storage.v1.SnapshotChangesRequest;
import io.berth.proto.storage.v1.SnapshotChangesResponse;

/**
 * What the container filesystem routes need from the storage service (berth.storage.v1.Snapshots): a
 * container's root filesystem is the snapshot keyed by its full ID. Methods take the rpc's proto request and
 * return its response, throwing the service's {@link io.berth.common.errors.BerthException} category.
 */
public interface SnapshotsBackend {
    /** @return Changes: the snapshot's changes against its image */
    SnapshotChangesResponse changes(SnapshotChangesRequest request);

    /** @return the Export stream: the tar in chunks, read with flow control */
    ResponseStream<ExportSnapshotResponse> export(ExportSnapshotRequest request);
}
