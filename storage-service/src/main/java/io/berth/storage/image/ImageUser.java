package io.berth.storage.image;

import io.berth.storage.content.Digest;

/**
 * A container using an image, as the caller of DeleteImage knows it; decides dockerd's delete conflicts.
 *
 * @param containerId the container's ID, or {@code null} if the caller only knows the image is in use
 * @param imageId the image the container was created from
 * @param running true if the container is running (a hard conflict: even force does not delete the image)
 */
public record ImageUser(String containerId, Digest imageId, boolean running) {
    /** @return the container's short ID (12 characters), or "unknown" */
    public String shortContainerId() {
        if (containerId == null || containerId.isEmpty()) {
            return "unknown";
        }
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
