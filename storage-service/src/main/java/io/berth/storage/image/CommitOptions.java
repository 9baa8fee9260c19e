package io.berth.storage.image;

import java.util.List;

/**
 * What to commit (berth.storage.v1 CommitContainerRequest; Docker Engine API v1.41 POST /commit).
 *
 * @param containerId the container's ID, its snapshot key
 * @param imageId the image it runs ("sha256:&lt;hex&gt;"; empty for none)
 * @param containerConfigJson its Config as Docker's inspect shows it
 * @param configJson the request body's config (may be empty)
 * @param changes Dockerfile instructions
 * @param author the author
 * @param comment the commit message
 * @param reference the tag to set, or empty
 */
public record CommitOptions(String containerId, String imageId, byte[] containerConfigJson, byte[] configJson,
                     List<String> changes, String author, String comment, String reference) {
}
