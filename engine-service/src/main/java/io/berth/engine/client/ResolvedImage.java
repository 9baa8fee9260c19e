package io.berth.engine.client;

/**
 * What the engine needs of an image to create a container from it.
 *
 * @param id image ID "sha256:<hex>"
 * @param configJson the image config blob (JSON)
 * @param topChainId chain ID of the top layer, the parent of the container's snapshot ("" if no layers)
 * @param driver storage driver name ("overlay2", "vfs")
 */
public record ResolvedImage(String id, byte[] configJson, String topChainId, String driver) {
}
