package io.berth.gateway.types.volumes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Docker Engine API 1.41 swagger {@code Volume} ({@code GET /volumes/{name}}, an entry of {@code GET /volumes},
 * the answer of {@code POST /volumes/create}), fields in moby's order (api/types/volume.go).
 *
 * @param createdAt CreatedAt, RFC 3339 to the second (left out when empty)
 * @param driver Driver ("local")
 * @param labels Labels (null when the volume was created without)
 * @param mountpoint Mountpoint: the host path of its data
 * @param name Name
 * @param options Options: the driver's options (null when none were given)
 * @param scope Scope: "local"
 * @param usageData UsageData: only from {@code system df} (left out otherwise)
 */
public record Volume(
        @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Mountpoint") String mountpoint,
        @JsonProperty("Name") String name,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Scope") String scope,
        @JsonProperty("UsageData") @JsonInclude(JsonInclude.Include.NON_NULL) UsageData usageData) {

    /**
     * Swagger {@code Volume.UsageData}.
     *
     * @param size Size in bytes (-1: not computed)
     * @param refCount RefCount: containers that use it
     */
    public record UsageData(@JsonProperty("Size") long size, @JsonProperty("RefCount") long refCount) {
    }

    /**
     * @param v the engine's volume
     * @return it without UsageData
     */
    public static Volume of(io.berth.proto.engine.v1.Volume v) {
        return new Volume(v.getCreatedAt(), v.getDriver(), v.getLabelsSet() ? v.getLabelsMap() : null,
                v.getMountpoint(), v.getName(), v.getOptionsSet() ? v.getOptionsMap() : null, v.getScope(), null);
    }
}
