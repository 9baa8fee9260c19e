package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of Docker Engine API 1.41 {@code GET /containers/json} (swagger ContainerSummary), in dockerd's
 * field order; built by {@link ContainerSummaryMapper}.
 *
 * @param id Id
 * @param names Names ("/web")
 * @param image Image, as the user gave it (the image ID when none was kept)
 * @param imageId ImageID
 * @param command Command: path and args as dockerd joins them
 * @param created Created, unix seconds
 * @param ports Ports: swagger Port entries ({@link PortMaps#summary}), [] when none
 * @param labels Labels, sorted by key
 * @param state State ("running", "exited", ...)
 * @param status Status, the human text ("Up 3 seconds")
 * @param hostConfig HostConfig: NetworkMode
 * @param networkSettings NetworkSettings: Networks ({} for now)
 * @param mounts Mounts ([] for now)
 */
public record ContainerSummary(
        @JsonProperty("Id") String id,
        @JsonProperty("Names") List<String> names,
        @JsonProperty("Image") String image,
        @JsonProperty("ImageID") String imageId,
        @JsonProperty("Command") String command,
        @JsonProperty("Created") long created,
        @JsonProperty("Ports") List<Object> ports,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("State") String state,
        @JsonProperty("Status") String status,
        @JsonProperty("HostConfig") SummaryHostConfig hostConfig,
        @JsonProperty("NetworkSettings") SummaryNetworkSettings networkSettings,
        @JsonProperty("Mounts") List<MountPoint> mounts) {

    /**
     * The {@code HostConfig} of a summary.
     *
     * @param networkMode NetworkMode ("default" when unset)
     */
    public record SummaryHostConfig(@JsonProperty("NetworkMode") String networkMode) {
    }

    /**
     * The {@code NetworkSettings} of a summary.
     *
     * @param networks Networks: name → endpoint
     */
    public record SummaryNetworkSettings(@JsonProperty("Networks") Map<String, Object> networks) {
    }
}
