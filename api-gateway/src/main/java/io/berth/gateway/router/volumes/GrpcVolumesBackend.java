package io.berth.gateway.router.volumes;

import io.berth.gateway.grpc.ServiceCall;
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
import io.berth.proto.engine.v1.VolumesGrpc;
import jakarta.inject.Inject;

/** {@link VolumesBackend} over the engine's berth.engine.v1.Volumes blocking stub. */
public final class GrpcVolumesBackend implements VolumesBackend {
    private final VolumesGrpc.VolumesBlockingStub stub;

    /** @param stub the engine's blocking Volumes stub */
    @Inject
    public GrpcVolumesBackend(VolumesGrpc.VolumesBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public CreateVolumeResponse create(CreateVolumeRequest request) {
        return ServiceCall.call("engine", () -> stub.createVolume(request));
    }

    @Override
    public InspectVolumeResponse inspect(InspectVolumeRequest request) {
        return ServiceCall.call("engine", () -> stub.inspectVolume(request));
    }

    @Override
    public ListVolumesResponse list(ListVolumesRequest request) {
        return ServiceCall.call("engine", () -> stub.listVolumes(request));
    }

    @Override
    public RemoveVolumeResponse remove(RemoveVolumeRequest request) {
        return ServiceCall.call("engine", () -> stub.removeVolume(request));
    }

    @Override
    public PruneVolumesResponse prune(PruneVolumesRequest request) {
        return ServiceCall.call("engine", () -> stub.pruneVolumes(request));
    }
}
