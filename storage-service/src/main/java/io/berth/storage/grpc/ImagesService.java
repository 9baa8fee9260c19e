package io.berth.storage.grpc;

import io.berth.common.grpc.GrpcErrors;
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
import io.berth.storage.image.ArchiveUpload;
import io.berth.storage.image.DeleteItem;
import io.berth.storage.image.ImageInfo;
import io.berth.storage.image.ImageStore;
import io.berth.storage.image.ImageUser;
import io.berth.storage.image.LoadResult;
import io.grpc.Status;
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

    private final ImageStore store;

    /** @param store the image store */
    @Inject
    public ImagesService(ImageStore store) {
        this.store = store;
    }

    @Override
    public StreamObserver<LoadImageRequest> loadImage(StreamObserver<LoadImageResponse> out) {
        LOG.debug("LoadImage");
        return new LoadImageCall(store, out);
    }

    @Override
    public void listImages(ListImagesRequest req, StreamObserver<ListImagesResponse> out) {
        LOG.debug("ListImages filters={}", req.getFilters().getFiltersMap().keySet());
        List<ImageInfo> images = store.list(ProtoConverters.filters(req.getFilters()));
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
        List<ImageUser> users = new ArrayList<>();
        for (io.berth.proto.storage.v1.ImageUser u : req.getImageUsersList()) {
            users.add(new ImageUser(u.getContainerId(), imageId(u.getImageId()), u.getRunning()));
        }
        for (String id : req.getImageIdsInUseList()) {
            Digest d = imageId(id);
            if (users.stream().noneMatch(u -> u.imageId().equals(d))) {
                users.add(new ImageUser(null, d, false));
            }
        }
        DeleteImageResponse.Builder b = DeleteImageResponse.newBuilder();
        for (DeleteItem item : store.delete(req.getReference(), req.getForce(), users)) {
            DeleteImageItem.Builder i = DeleteImageItem.newBuilder();
            if (item.untagged() != null) {
                i.setUntagged(item.untagged());
            }
            if (item.deleted() != null) {
                i.setDeleted(item.deleted());
            }
            b.addItems(i);
        }
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void getStorageInfo(GetStorageInfoRequest req, StreamObserver<GetStorageInfoResponse> out) {
        out.onNext(ProtoConverters.storageInfo(store.storageInfo()));
        out.onCompleted();
    }

    /** One LoadImage call: chunks go to an {@link ArchiveUpload}; the load runs when the client half-closes. */
    private static final class LoadImageCall implements StreamObserver<LoadImageRequest> {
        private final ImageStore store;
        private final StreamObserver<LoadImageResponse> out;
        private ArchiveUpload upload;
        private boolean failed;

        LoadImageCall(ImageStore store, StreamObserver<LoadImageResponse> out) {
            this.store = store;
            this.out = out;
        }

        @Override
        public void onNext(LoadImageRequest req) {
            if (failed) {
                return;
            }
            try {
                if (upload == null) {
                    upload = store.beginLoad();
                }
                byte[] chunk = req.getChunk().toByteArray();
                upload.write(chunk, 0, chunk.length);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            LOG.debug("LoadImage cancelled by the client: {}", t.toString());
            close();
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            try {
                if (upload == null) {
                    upload = store.beginLoad();
                }
                LoadResult r = upload.load();
                for (int i = 0; i < r.lines().size(); i++) {
                    LoadImageResponse.Builder b = LoadImageResponse.newBuilder().setStream(r.lines().get(i));
                    if (i == r.lines().size() - 1) {
                        b.addAllLoaded(r.loaded());
                    }
                    out.onNext(b.build());
                }
                out.onCompleted();
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                close();
            }
        }

        private void fail(RuntimeException e) {
            failed = true;
            close();
            Status status = GrpcErrors.toStatus(e);
            if (status.getCode() == Status.Code.INTERNAL) {
                LOG.error("LoadImage failed", e);
            } else {
                LOG.debug("LoadImage failed: {}", e.getMessage());
            }
            out.onError(status.asRuntimeException());
        }

        private void close() {
            if (upload != null) {
                upload.close();
                upload = null;
            }
        }
    }
}
