package io.berth.gateway.router.images;

import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.grpc.GrpcStream;
import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainersGrpc;
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
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import io.berth.proto.storage.v1.TagImageRequest;
import io.berth.proto.storage.v1.TagImageResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** {@link ImagesBackend} over the storage service's Images stubs and the engine's Containers stub. */
public final class GrpcImagesBackend implements ImagesBackend {
    private final ImagesGrpc.ImagesBlockingStub images;
    private final ImagesGrpc.ImagesStub imagesAsync;
    private final ContainersGrpc.ContainersBlockingStub containers;

    /**
     * @param images berth.storage.v1.Images (blocking)
     * @param imagesAsync berth.storage.v1.Images (async, for the LoadImage stream)
     * @param containers berth.engine.v1.Containers
     */
    @Inject
    public GrpcImagesBackend(ImagesGrpc.ImagesBlockingStub images, ImagesGrpc.ImagesStub imagesAsync,
                             ContainersGrpc.ContainersBlockingStub containers) {
        this.images = images;
        this.imagesAsync = imagesAsync;
        this.containers = containers;
    }

    @Override
    public BidiStream<LoadImageRequest, LoadImageResponse> loadImage() {
        GrpcStream<LoadImageRequest, LoadImageResponse> stream = new GrpcStream<>("storage");
        imagesAsync.loadImage(stream);
        return stream;
    }

    @Override
    public BidiStream<ImportImageRequest, ImportImageResponse> importImage() {
        GrpcStream<ImportImageRequest, ImportImageResponse> stream = new GrpcStream<>("storage");
        imagesAsync.importImage(stream);
        return stream;
    }

    @Override
    public List<Image> listImages(ListImagesRequest request) {
        return ServiceCall.call("storage", () -> {
            List<Image> out = new ArrayList<>();
            images.listImages(request).forEachRemaining(r -> out.addAll(r.getImagesList()));
            return out;
        });
    }

    @Override
    public GetImageResponse getImage(GetImageRequest request) {
        return ServiceCall.call("storage", () -> images.getImage(request));
    }

    @Override
    public TagImageResponse tagImage(TagImageRequest request) {
        return ServiceCall.call("storage", () -> images.tagImage(request));
    }

    @Override
    public DeleteImageResponse deleteImage(DeleteImageRequest request) {
        return ServiceCall.call("storage", () -> images.deleteImage(request));
    }

    @Override
    public List<Container> listContainers(ListContainersRequest request) {
        return ServiceCall.call("engine", () -> {
            List<Container> out = new ArrayList<>();
            containers.listContainers(request).forEachRemaining(r -> out.addAll(r.getContainersList()));
            return out;
        });
    }

    @Override
    public ImageHistoryResponse imageHistory(ImageHistoryRequest request) {
        return ServiceCall.call("storage", () -> images.imageHistory(request));
    }

    @Override
    public CommitContainerResponse commitContainer(CommitContainerRequest request) {
        return ServiceCall.call("storage", () -> images.commitContainer(request));
    }

    @Override
    public ResponseStream<SaveImagesResponse> saveImages(SaveImagesRequest request) {
        GrpcStream<SaveImagesRequest, SaveImagesResponse> s = new GrpcStream<>("storage");
        imagesAsync.saveImages(request, s);
        return s;
    }

    @Override
    public PruneImagesResponse pruneImages(PruneImagesRequest request) {
        return ServiceCall.call("storage", () -> images.pruneImages(request));
    }
}
