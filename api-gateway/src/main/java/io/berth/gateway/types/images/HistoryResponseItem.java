package io.berth.gateway.types.images;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.storage.v1.ImageHistoryItem;
import java.util.List;

/**
 * One row of Docker Engine API 1.41 {@code GET /images/{name}/history} (moby api/types/image
 * HistoryResponseItem), in Go's field order.
 *
 * @param comment Comment
 * @param created Created, unix seconds
 * @param createdBy CreatedBy
 * @param id Id: the image ID or {@code <missing>}
 * @param size Size of the layer the entry made, bytes (0 for an empty layer)
 * @param tags Tags of that image, {@code null} when it has none (Go's nil slice)
 */
public record HistoryResponseItem(
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") long created,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("Id") String id,
        @JsonProperty("Size") long size,
        @JsonProperty("Tags") List<String> tags) {

    /**
     * @param h storage's row
     * @return the API row
     */
    public static HistoryResponseItem of(ImageHistoryItem h) {
        return new HistoryResponseItem(h.getComment(), h.getCreated(), h.getCreatedBy(), h.getId(), h.getSizeBytes(),
                h.getTagsCount() == 0 ? null : List.copyOf(h.getTagsList()));
    }
}
