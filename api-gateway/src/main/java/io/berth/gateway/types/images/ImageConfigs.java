package io.berth.gateway.types.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.gateway.http.Json;
import io.berth.proto.storage.v1.Image;
import java.io.IOException;

/** Reading the image config blob (Docker image spec v1.2 / OCI config.md) that storage hands out verbatim. */
final class ImageConfigs {
    private ImageConfigs() {
    }

    /**
     * @param image the stored image
     * @return its config as a JSON tree; an empty object if the blob is empty or not JSON
     */
    static JsonNode parse(Image image) {
        if (image.getConfigJson().isEmpty()) {
            return Json.object();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(image.getConfigJson().toByteArray());
            return n != null && n.isObject() ? n : Json.object();
        } catch (IOException e) {
            return Json.object();
        }
    }
}
