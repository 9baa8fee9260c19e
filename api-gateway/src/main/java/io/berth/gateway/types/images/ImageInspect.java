package io.berth.gateway.types.images;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.gateway.types.GraphDriverData;
import io.berth.gateway.types.containers.ContainerConfig;
import java.util.List;

/**
 * The body of Docker Engine API 1.41 {@code GET /images/{name}/json} (swagger Image), in dockerd's field
 * order; built by {@link ImageInspectMapper}.
 *
 * @param id Id ("sha256:...")
 * @param repoTags RepoTags
 * @param repoDigests RepoDigests
 * @param parent Parent: the image it was committed from, "" for none
 * @param comment Comment
 * @param created Created, RFC3339Nano
 * @param container Container: the ID it was committed from
 * @param containerConfig ContainerConfig: the config of that container
 * @param dockerVersion DockerVersion
 * @param author Author
 * @param config Config: the runtime defaults
 * @param architecture Architecture
 * @param variant Variant (omitted when null)
 * @param os Os
 * @param osVersion OsVersion (omitted when null)
 * @param size Size in bytes
 * @param virtualSize VirtualSize in bytes
 * @param graphDriver GraphDriver
 * @param rootFs RootFS
 * @param metadata Metadata
 */
public record ImageInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("Container") String container,
        @JsonProperty("ContainerConfig") ContainerConfig containerConfig,
        @JsonProperty("DockerVersion") String dockerVersion,
        @JsonProperty("Author") String author,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Variant") @JsonInclude(Include.NON_NULL) String variant,
        @JsonProperty("Os") String os,
        @JsonProperty("OsVersion") @JsonInclude(Include.NON_NULL) String osVersion,
        @JsonProperty("Size") long size,
        @JsonProperty("VirtualSize") long virtualSize,
        @JsonProperty("GraphDriver") GraphDriverData graphDriver,
        @JsonProperty("RootFS") RootFs rootFs,
        @JsonProperty("Metadata") Metadata metadata) {

    /**
     * Swagger {@code Image.RootFS}.
     *
     * @param type Type ("layers")
     * @param layers Layers: the diff IDs, bottom first
     */
    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
    }

    /**
     * Swagger {@code Image.Metadata}.
     *
     * @param lastTagTime LastTagTime, RFC3339Nano (Go's zero time when never tagged)
     */
    public record Metadata(@JsonProperty("LastTagTime") String lastTagTime) {
    }
}
