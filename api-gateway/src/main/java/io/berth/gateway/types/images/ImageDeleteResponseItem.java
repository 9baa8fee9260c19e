package io.berth.gateway.types.images;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.proto.storage.v1.DeleteImageItem;

/**
 * One entry of the body of Docker Engine API 1.41 {@code DELETE /images/{name}} (swagger
 * ImageDeleteResponseItem): {@code {"Untagged":"ref"}} or {@code {"Deleted":"sha256:..."}}, an empty field
 * left out.
 *
 * @param untagged Untagged: the reference removed
 * @param deleted Deleted: the image ID removed
 */
@JsonInclude(Include.NON_EMPTY)
public record ImageDeleteResponseItem(@JsonProperty("Untagged") String untagged,
                                      @JsonProperty("Deleted") String deleted) {
    /**
     * @param i storage's item
     * @return the response item
     */
    public static ImageDeleteResponseItem of(DeleteImageItem i) {
        return new ImageDeleteResponseItem(i.getUntagged(), i.getDeleted());
    }
}
