package io.berth.gateway.types.volumes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker Engine API 1.41 {@code POST /volumes/prune} answer (moby api/types VolumesPruneReport).
 *
 * @param volumesDeleted VolumesDeleted: names of the removed volumes (null when none, as dockerd)
 * @param spaceReclaimed SpaceReclaimed: bytes
 */
public record VolumesPruneResponse(@JsonProperty("VolumesDeleted") List<String> volumesDeleted,
                                   @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
}
