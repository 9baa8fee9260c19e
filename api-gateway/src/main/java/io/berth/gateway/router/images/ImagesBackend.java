package io.berth.gateway.router.images;

import io.berth.gateway.grpc.BidiStream;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.storage.v1.CommitContainerRequest;
import io.berth.proto.storage.v1.CommitContainerResponse;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.ImageHistoryRequest;
import io.berth.proto.storage.v1.ImageHistoryResponse;
import io.berth.proto.storage.v1.PruneImagesRequest;
import io.berth.proto.storage.v1.PruneImagesResponse;
import io.berth.proto.storage.v1.SaveImagesRequest;
import io.berth.proto.storage.v1.SaveImagesResponse;
import io.berth.proto.storage.v1.DeleteImageResponse;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.GetImageResponse;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ImportImageRequest;
import io.berth.proto.storage.v1.ImportImageResponse;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import io.berth.proto.storage.v1.TagImageRequest;
import io.berth.proto.storage.v1.TagImageResponse;
import java.util.List;

/**
 * What {@link ImagesRouter} needs from the services (Docker Engine API 1.41 {@code /images/*}): storage's
 * berth.storage.v1.Images and, for the delete conflicts, the engine's container list. Like every gateway
 * backend, each method takes the rpc's proto request and returns its proto response (a listing as its
 * batches joined). Every method throws the peer's {@link io.berth.common.errors.BerthException} category.
 */
public interface ImagesBackend {
    /** @return a started storage LoadImage call: send the archive in chunks, read progress messages */
    BidiStream<LoadImageRequest, LoadImageResponse> loadImage();

    /** @return a started storage ImportImage call: send the options, then the tar in chunks; read the ID */
    BidiStream<ImportImageRequest, ImportImageResponse> importImage();

    /** @return storage ListImages: the images of every batch, in order */
    List<Image> listImages(ListImagesRequest request);

    /** @return storage GetImage: the image (NotFoundException "No such image: ..." if none) */
    GetImageResponse getImage(GetImageRequest request);

    /** @return storage TagImage */
    TagImageResponse tagImage(TagImageRequest request);

    /** @return storage DeleteImage: Docker's Untagged/Deleted items in order */
    DeleteImageResponse deleteImage(DeleteImageRequest request);

    /**
     * @return engine ListContainers: the containers of every batch, from which the router tells storage which
     *     images are in use (and by running containers) so it can refuse deletes with dockerd's conflicts
     */
    List<Container> listContainers(ListContainersRequest request);

    /** @return storage ImageHistory: the rows, newest first (NotFoundException if no such image) */
    ImageHistoryResponse imageHistory(ImageHistoryRequest request);

    /** @return storage CommitContainer: the new image's ID */
    CommitContainerResponse commitContainer(CommitContainerRequest request);

    /** @return a started storage SaveImages call: the archive's chunks (NotFoundException on the first read) */
    ResponseStream<SaveImagesResponse> saveImages(SaveImagesRequest request);

    /** @return storage PruneImages: the items removed and the bytes freed */
    PruneImagesResponse pruneImages(PruneImagesRequest request);
}
