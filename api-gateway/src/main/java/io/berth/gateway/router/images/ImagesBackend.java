package io.berth.gateway.router.images;

import io.berth.gateway.grpc.BidiStream;
import io.berth.proto.storage.v1.DeleteImageItem;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.ImageUser;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import java.util.List;

/**
 * What {@link ImagesRouter} needs from the services (Docker Engine API 1.41 {@code /images/*}). Every method
 * throws the peer's {@link io.berth.common.errors.BerthException} category.
 */
public interface ImagesBackend {
    /** @return a started storage LoadImage call: send the archive in chunks, read progress messages */
    BidiStream<LoadImageRequest, LoadImageResponse> loadImage();

    /**
     * @param request all and filters
     * @return the images (storage ListImages, batches joined)
     */
    List<Image> listImages(ListImagesRequest request);

    /**
     * @param reference name[:tag], name@digest, an ID or ID prefix
     * @return the image (NotFoundException "No such image: ..." if none)
     */
    Image getImage(String reference);

    /**
     * @param source the image to tag
     * @param target the new "repo[:tag]"
     */
    void tagImage(String source, String target);

    /**
     * @param request reference, force and the image IDs in use
     * @return Docker's Untagged/Deleted items in order
     */
    List<DeleteImageItem> deleteImage(DeleteImageRequest request);

    /**
     * @return every container with the image it uses and whether it runs (engine ListContainers all=true), so
     *     storage can refuse deletes with dockerd's conflicts
     */
    List<ImageUser> imageUsers();
}
