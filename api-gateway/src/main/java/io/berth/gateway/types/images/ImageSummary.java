package io.berth.gateway.types.images;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of Docker Engine API 1.41 {@code GET /images/json} (swagger ImageSummary), in dockerd's field
 * order; built by {@link ImageSummaryMapper}.
 *
 * @param containers Containers (-1: not computed)
 * @param created Created, unix seconds
 * @param id Id
 * @param labels Labels of the image config, null when it has none
 * @param parentId ParentId ("")
 * @param repoDigests RepoDigests
 * @param repoTags RepoTags
 * @param sharedSize SharedSize (-1: not computed)
 * @param size Size in bytes
 * @param virtualSize VirtualSize in bytes
 */
public record ImageSummary(
        @JsonProperty("Containers") long containers,
        @JsonProperty("Created") long created,
        @JsonProperty("Id") String id,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("ParentId") String parentId,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("SharedSize") long sharedSize,
        @JsonProperty("Size") long size,
        @JsonProperty("VirtualSize") long virtualSize) {
}
