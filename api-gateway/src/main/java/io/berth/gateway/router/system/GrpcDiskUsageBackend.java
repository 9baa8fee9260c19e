package io.berth.gateway.router.system;

import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.SnapshotInfo;
import io.berth.proto.storage.v1.SnapshotsGrpc;
import io.berth.proto.storage.v1.StatSnapshotRequest;
import io.berth.proto.storage.v1.UsageRequest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** {@link DiskUsageBackend} over the engine's Containers and the storage service's Images and Snapshots stubs. */
public final class GrpcDiskUsageBackend implements DiskUsageBackend {
    private final ContainersGrpc.ContainersBlockingStub containers;
    private final ImagesGrpc.ImagesBlockingStub images;
    private final SnapshotsGrpc.SnapshotsBlockingStub snapshots;

    /**
     * @param containers berth.engine.v1.Containers
     * @param images berth.storage.v1.Images
     * @param snapshots berth.storage.v1.Snapshots
     */
    @Inject
    public GrpcDiskUsageBackend(ContainersGrpc.ContainersBlockingStub containers, ImagesGrpc.ImagesBlockingStub images,
                                SnapshotsGrpc.SnapshotsBlockingStub snapshots) {
        this.containers = containers;
        this.images = images;
        this.snapshots = snapshots;
    }

    @Override
    public List<Container> listAllContainers() {
        return ServiceCall.call("engine", () -> {
            List<Container> out = new ArrayList<>();
            containers.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                    .forEachRemaining(r -> out.addAll(r.getContainersList()));
            return out;
        });
    }

    @Override
    public List<Image> listAllImages() {
        return ServiceCall.call("storage", () -> {
            List<Image> out = new ArrayList<>();
            images.listImages(ListImagesRequest.newBuilder().setAll(true).build())
                    .forEachRemaining(r -> out.addAll(r.getImagesList()));
            return out;
        });
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
