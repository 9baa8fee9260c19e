package io.berth.engine.grpc;

import io.berth.engine.volume.VolumeFilters;
import io.berth.engine.volume.VolumeRecord;
import io.berth.engine.volume.VolumeService;
import io.berth.proto.engine.v1.CreateVolumeRequest;
import io.berth.proto.engine.v1.CreateVolumeResponse;
import io.berth.proto.engine.v1.InspectVolumeRequest;
import io.berth.proto.engine.v1.InspectVolumeResponse;
import io.berth.proto.engine.v1.ListVolumesRequest;
import io.berth.proto.engine.v1.ListVolumesResponse;
import io.berth.proto.engine.v1.PruneVolumesRequest;
import io.berth.proto.engine.v1.PruneVolumesResponse;
import io.berth.proto.engine.v1.RemoveVolumeRequest;
import io.berth.proto.engine.v1.RemoveVolumeResponse;
import io.berth.proto.engine.v1.Volume;
import io.berth.proto.engine.v1.VolumesGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * berth.engine.v1 Volumes (volumes.proto) over {@link VolumeService}. Errors travel as the common error
 * categories (the server's interceptor maps them): NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION (409).
 */
@Singleton
public final class VolumesGrpcService extends VolumesGrpc.VolumesImplBase {
    private final VolumeService volumes;

    /** @param volumes the volume operations */
    @Inject
    public VolumesGrpcService(VolumeService volumes) {
        this.volumes = volumes;
    }

    @Override
    public void createVolume(CreateVolumeRequest req, StreamObserver<CreateVolumeResponse> out) {
        VolumeRecord v = volumes.create(req.getName(), req.getDriver(),
                req.getDriverOptsSet() || req.getDriverOptsCount() > 0 ? req.getDriverOptsMap() : null,
                req.getLabelsSet() || req.getLabelsCount() > 0 ? req.getLabelsMap() : null);
        out.onNext(CreateVolumeResponse.newBuilder().setVolume(toProto(v)).build());
        out.onCompleted();
    }

    @Override
    public void inspectVolume(InspectVolumeRequest req, StreamObserver<InspectVolumeResponse> out) {
        out.onNext(InspectVolumeResponse.newBuilder().setVolume(toProto(volumes.get(req.getName()))).build());
        out.onCompleted();
    }

    @Override
    public void listVolumes(ListVolumesRequest req, StreamObserver<ListVolumesResponse> out) {
        VolumeFilters f = VolumeFilters.forList(ProtoMapper.toDomain(req.getFilters()));
        ListVolumesResponse.Builder b = ListVolumesResponse.newBuilder();
        volumes.list(f).forEach(v -> {
            Volume p = toProto(v);
            b.addVolumes(req.getWithSizes() ? p.toBuilder().setSizeBytes(volumes.dataSize(v.name())).build() : p);
        });
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void removeVolume(RemoveVolumeRequest req, StreamObserver<RemoveVolumeResponse> out) {
        volumes.remove(req.getName(), req.getForce());
        out.onNext(RemoveVolumeResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void pruneVolumes(PruneVolumesRequest req, StreamObserver<PruneVolumesResponse> out) {
        VolumeService.Pruned p = volumes.prune(VolumeFilters.forPrune(ProtoMapper.toDomain(req.getFilters())));
        out.onNext(PruneVolumesResponse.newBuilder().addAllVolumesDeleted(p.deleted())
                .setSpaceReclaimed(p.spaceReclaimed()).build());
        out.onCompleted();
    }

    private Volume toProto(VolumeRecord v) {
        Volume.Builder b = Volume.newBuilder().setName(v.name()).setDriver(v.driver())
                .setMountpoint(volumes.mountpoint(v.name()).toString()).setCreatedAt(v.createdAt())
                .setScope("local").setLabelsSet(v.labels() != null).setOptionsSet(v.options() != null)
                .setRefCount(volumes.users(v.name()).size());
        if (v.labels() != null) {
            b.putAllLabels(v.labels());
        }
        if (v.options() != null) {
            b.putAllOptions(v.options());
        }
        return b.build();
    }
}
