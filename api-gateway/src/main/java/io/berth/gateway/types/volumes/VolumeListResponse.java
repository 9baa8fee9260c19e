package io.berth.gateway.types.volumes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker Engine API 1.41 {@code GET /volumes} answer (moby api/types/volume VolumeListOKBody).
 *
 * @param volumes Volumes ([] when none)
 * @param warnings Warnings (null: berth has no driver that could warn)
 */
public record VolumeListResponse(@JsonProperty("Volumes") List<Volume> volumes,
                                 @JsonProperty("Warnings") List<String> warnings) {
}
