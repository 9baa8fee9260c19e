package io.berth.storage.grpc;

import io.berth.proto.storage.v1.DeleteImageItem;
import io.berth.proto.storage.v1.DeleteImageRequest;
import io.berth.proto.storage.v1.DeleteImageResponse;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.GetImageResponse;
import io.berth.proto.storage.v1.GetStorageInfoRequest;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.ListImagesResponse;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import io.berth.proto.storage.v1.TagImageRequest;
import io.berth.proto.storage.v1.TagImageResponse;
import io.berth.storage.content.Digest;
import io.berth.storage.image.ImportOptions;
import io.berth.proto.storage.v1.ImportImageRequest;
import io.berth.proto.storage.v1.ImportImageResponse;
import io.berth.proto.storage.v1.CommitContainerRequest;
import io.berth.proto.storage.v1.CommitContainerResponse;
import io.berth.proto.storage.v1.ImageHistoryItem;
import io.berth.proto.storage.v1.ImageHistoryRequest;
import io.berth.proto.storage.v1.ImageHistoryResponse;
import io.berth.common.grpc.ChunkedServerStream;
import io.berth.common.grpc.GrpcErrors;
import io.berth.proto.storage.v1.PruneImagesRequest;
import io.berth.proto.storage.v1.PruneImagesResponse;
import io.berth.proto.storage.v1.SaveImagesRequest;
import io.berth.proto.storage.v1.SaveImagesResponse;
import io.berth.storage.image.DeleteItem;
import io.berth.storage.image.ImagePruner;
import io.berth.storage.image.ImageSaver;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import io.berth.storage.image.HistoryItem;
import io.berth.storage.image.CommitOptions;
import io.berth.storage.image.ImageInfo;
import io.berth.storage.image.ImageStore;
import io.berth.storage.image.ImageUser;
import io.berth.storage.image.LoadResult;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * berth.storage.v1 Images over the {@link ImageStore}: a thin adapter. Unary handlers throw berth
 * exceptions (the server's interceptor maps them to gRPC status); the client-streaming LoadImage reports
 * its errors through the response observer.
 */
public final class ImagesService extends ImagesGrpc.ImagesImplBase {
    private static final Logger LOG = LogManager.getLogger(ImagesService.class);
    private static final int LIST_BATCH = 100;

    private static final Executor SAVES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "image-save");
        t.setDaemon(true);
        return t;
    });

    private final ImageStore store;

    /** @param store the image store */
    @Inject
    public ImagesService(ImageStore store) {
        this.store = store;
    }

    @Override
    public StreamObserver<LoadImageRequest> loadImage(StreamObserver<LoadImageResponse> out) {
        LOG.debug("LoadImage");
        return new UploadCall<>("LoadImage", store, out, LoadImageRequest.getDefaultInstance(),
                LoadImageRequest::getChunk, (first, upload, o) -> {
                    LoadResult r = upload.load();
                    for (int i = 0; i < r.lines().size(); i++) {
                        LoadImageResponse.Builder b = LoadImageResponse.newBuilder().setStream(r.lines().get(i));
                        if (i == r.lines().size() - 1) {
                            b.addAllLoaded(r.loaded());
                        }
                        o.onNext(b.build());
                    }
                });
    }

    @Override
    public StreamObserver<ImportImageRequest> importImage(StreamObserver<ImportImageResponse> out) {
        LOG.debug("ImportImage");
        return new UploadCall<>("ImportImage", store, out, ImportImageRequest.getDefaultInstance(),
                ImportImageRequest::getChunk, (first, upload, o) -> {
                    Digest id = upload.importAs(new ImportOptions(first.getRepo(), first.getTag(),
                            first.getMessage(), first.getChangesList(), first.getPlatform(),
                            first.getSource().isEmpty() ? "-" : first.getSource()));
                    o.onNext(ImportImageResponse.newBuilder().setId(id.toString()).build());
                });
    }

    @Override
    public void listImages(ListImagesRequest req, StreamObserver<ListImagesResponse> out) {
        LOG.debug("ListImages filters={}", req.getFilters().getFiltersMap().keySet());
        List<ImageInfo> images = store.list(ProtoConverters.filters(req.getFilters()), req.getSharedSize());
        ListImagesResponse.Builder batch = ListImagesResponse.newBuilder();
        for (ImageInfo i : images) {
            batch.addImages(ProtoConverters.image(i));
            if (batch.getImagesCount() == LIST_BATCH) {
                out.onNext(batch.build());
                batch = ListImagesResponse.newBuilder();
            }
        }
        if (batch.getImagesCount() > 0 || images.isEmpty()) {
            out.onNext(batch.build());
        }
        out.onCompleted();
    }

    @Override
    public void getImage(GetImageRequest req, StreamObserver<GetImageResponse> out) {
        LOG.debug("GetImage reference={}", req.getReference());
        out.onNext(GetImageResponse.newBuilder().setImage(ProtoConverters.image(store.get(req.getReference())))
                .build());
        out.onCompleted();
    }

    @Override
    public void tagImage(TagImageRequest req, StreamObserver<TagImageResponse> out) {
        LOG.debug("TagImage source={} target={}", req.getSource(), req.getTarget());
        store.tag(req.getSource(), req.getTarget());
        out.onNext(TagImageResponse.getDefaultInstance());
        out.onCompleted();
    }

    private static Digest imageId(String id) {
        return Digest.isHex64(id) ? new Digest(id) : Digest.parse(id);
    }

    @Override
    public void deleteImage(DeleteImageRequest req, StreamObserver<DeleteImageResponse> out) {
        LOG.debug("DeleteImage reference={} force={}", req.getReference(), req.getForce());
        List<ImageUser> users = users(req.getImageUsersList(), req.getImageIdsInUseList());
        DeleteImageResponse.Builder b = DeleteImageResponse.newBuilder();
        for (DeleteItem item : store.delete(req.getReference(), req.getForce(), users)) {
            b.addItems(item(item));
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    private static List<ImageUser> users(List<io.berth.proto.storage.v1.ImageUser> given, List<String> idsInUse) {
        List<ImageUser> users = new ArrayList<>();
        for (io.berth.proto.storage.v1.ImageUser u : given) {
            users.add(new ImageUser(u.getContainerId(), imageId(u.getImageId()), u.getRunning()));
        }
        for (String id : idsInUse) {
            Digest d = imageId(id);
            if (users.stream().noneMatch(u -> u.imageId().equals(d))) {
                users.add(new ImageUser(null, d, false));
            }
        }
        return users;
    }

    private static DeleteImageItem item(DeleteItem item) {
        DeleteImageItem.Builder i = DeleteImageItem.newBuilder();
        if (item.untagged() != null) {
            i.setUntagged(item.untagged());
        }
        if (item.deleted() != null) {
            i.setDeleted(item.deleted());
        }
        return i.build();
    }

    @Override
    public void imageHistory(ImageHistoryRequest req, StreamObserver<ImageHistoryResponse> out) {
        LOG.debug("ImageHistory reference={}", req.getReference());
        ImageHistoryResponse.Builder b = ImageHistoryResponse.newBuilder();
        for (HistoryItem h : store.history(req.getReference())) {
            b.addItems(ImageHistoryItem.newBuilder().setId(h.id()).setCreated(h.createdSeconds())
                    .setCreatedBy(h.createdBy()).addAllTags(h.tags()).setSizeBytes(h.sizeBytes())
                    .setComment(h.comment()));
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void commitContainer(CommitContainerRequest req, StreamObserver<CommitContainerResponse> out) {
        LOG.debug("CommitContainer container={} reference={}", req.getContainerId(), req.getReference());
        Digest id = store.commit(new CommitOptions(req.getContainerId(), req.getImageId(),
                        req.getContainerConfigJson().toByteArray(), req.getConfigJson().toByteArray(),
                        req.getChangesList(), req.getAuthor(), req.getComment(), req.getReference()),
                req.getContainerName(), req.getContainerImage(), req.getContainerLabelsMap());
        out.onNext(CommitContainerResponse.newBuilder().setId(id.toString()).build());
        out.onCompleted();
    }

    @Override
    public void pruneImages(PruneImagesRequest req, StreamObserver<PruneImagesResponse> out) {
        LOG.debug("PruneImages filters={}", req.getFilters().getFiltersMap().keySet());
        ImagePruner.Result r = store.prune(ProtoConverters.filters(req.getFilters()), users(req.getImageUsersList(), List.of()));
        PruneImagesResponse.Builder b = PruneImagesResponse.newBuilder().setSpaceReclaimedBytes(r.reclaimedBytes());
        r.deleted().forEach(d -> b.addImagesDeleted(item(d)));
        out.onNext(b.build());
        out.onCompleted();
    }

    /**
     * {@code SaveImages}: resolves every name first (NOT_FOUND before any chunk), then writes the archive
     * from a thread of its own through common's {@link ChunkedServerStream}, at the client's pace.
     */
    @Override
    public void saveImages(SaveImagesRequest req, StreamObserver<SaveImagesResponse> out) {
        LOG.debug("SaveImages names={}", req.getNamesList());
        List<ImageSaver.Selected> images = store.selectForSave(req.getNamesList());
        ServerCallStreamObserver<SaveImagesResponse> call = (ServerCallStreamObserver<SaveImagesResponse>) out;
        ChunkedServerStream<SaveImagesResponse> stream = new ChunkedServerStream<>(call,
                data -> SaveImagesResponse.newBuilder().setData(data).build());
        SAVES.execute(() -> {
            try {
                store.save(images, stream);
                stream.flush();
                call.onCompleted();
            } catch (IOException | RuntimeException e) {
                if (stream.cancelled()) {
                    LOG.debug("save of {} cancelled by the client", req.getNamesList());
                    return;
                }
                LOG.warn("save of {} failed: {}", req.getNamesList(), e.toString());
                call.onError(GrpcErrors.toStatus(e).asRuntimeException());
            }
        });
    }

    @Override
    public void getStorageInfo(GetStorageInfoRequest req, StreamObserver<GetStorageInfoResponse> out) {
        out.onNext(ProtoConverters.storageInfo(store.storageInfo()));
        out.onCompleted();
    }
}
