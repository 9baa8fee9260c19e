package io.berth.gateway.router.volumes;

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

/**
 * What the volumes router needs from the engine (berth.engine.v1.Volumes). Each method takes the rpc's proto
 * request and returns its proto response, throwing the engine's {@link io.berth.common.errors.BerthException}
 * category (NotFound "get x: no such volume", Conflict "remove x: volume is in use - [...]", InvalidArgument).
 */
public interface VolumesBackend {
    /** @return CreateVolume */
    CreateVolumeResponse create(CreateVolumeRequest request);

    /** @return InspectVolume */
    InspectVolumeResponse inspect(InspectVolumeRequest request);

    /** @return ListVolumes */
    ListVolumesResponse list(ListVolumesRequest request);

    /** @return RemoveVolume */
    RemoveVolumeResponse remove(RemoveVolumeRequest request);

    /** @return PruneVolumes */
    PruneVolumesResponse prune(PruneVolumesRequest request);
}
