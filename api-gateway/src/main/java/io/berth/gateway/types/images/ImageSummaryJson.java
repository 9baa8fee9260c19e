package io.berth.gateway.types.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.gateway.types.DockerTime;
import io.berth.proto.storage.v1.Image;

/**
 * One entry of Docker Engine API 1.41 {@code GET /images/json} (swagger ImageSummary): Containers, Created
 * (unix seconds), Id, Labels, ParentId, RepoDigests, RepoTags, SharedSize (-1: not computed), Size,
 * VirtualSize (bytes). An image without tags or digests shows as {@code <none>:<none>} /
 * {@code <none>@<none>}, as dockerd 20.10 lists dangling images.
 */
public final class ImageSummaryJson {
    private ImageSummaryJson() {
    }

    /**
     * @param image the stored image
     * @return the JSON object
     */
    public static ObjectNode of(Image image) {
        JsonNode config = ImageConfigs.parse(image);
        ObjectNode o = Json.object();
        o.put("Containers", -1);
        o.put("Created", DockerTime.unixSeconds(image.getCreated()));
        o.put("Id", image.getId());
        JsonNode labels = config.path("config").path("Labels");
        o.set("Labels", labels.isObject() ? labels.deepCopy() : Json.MAPPER.nullNode());
        o.put("ParentId", "");
        boolean dangling = image.getRepoTagsCount() == 0 && image.getRepoDigestsCount() == 0;
        ArrayNode digests = o.putArray("RepoDigests");
        ArrayNode tags = o.putArray("RepoTags");
        if (dangling) {
            digests.add("<none>@<none>");
            tags.add("<none>:<none>");
        }
        image.getRepoDigestsList().forEach(digests::add);
        image.getRepoTagsList().forEach(tags::add);
        o.put("SharedSize", -1);
        o.put("Size", image.getSizeBytes());
        o.put("VirtualSize", image.getSizeBytes());
        return o;
    }
}
