package io.berth.engine.client;

/** Resolves image references through the storage service ({@code berth.storage.v1.Images/GetImage}). */
public interface ImageResolver {
    /**
     * @param reference name[:tag], name@digest, an image ID or a unique ID prefix
     * @return the image
     * @throws io.berth.common.errors.NotFoundException "No such image: <reference>"
     * @throws io.berth.common.errors.UnavailableException if the storage service is down
     */
    ResolvedImage resolve(String reference);
}
