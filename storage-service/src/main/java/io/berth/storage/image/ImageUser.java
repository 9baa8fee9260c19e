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
    /**
     * @return how dockerd's messages name the container: {@code "container <12-char id>"}, or
     *     {@code "a container"} when the caller did not say which
     */
    public String describe() {
        if (containerId == null || containerId.isEmpty()) {
            return "a container";
        }
        return "container " + (containerId.length() > 12 ? containerId.substring(0, 12) : containerId);
    }
}
