package io.berth.gateway.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.storage.v1.GetImageResponse;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.berth.proto.storage.v1.ListImagesResponse;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;

/** A storage service that counts the bytes of a loaded archive and knows one image. */
final class FakeStorage extends ImagesGrpc.ImagesImplBase {
    static final Image IMAGE = Image.newBuilder().setId("sha256:" + "ab".repeat(32))
            .addRepoTags("fixture/busybox:1").setSizeBytes(1_234_567)
            .setCreated(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .setConfigJson(ByteString.copyFromUtf8("{\"architecture\":\"amd64\",\"os\":\"linux\","
                    + "\"config\":{\"Cmd\":[\"sh\"],\"Env\":[\"PATH=/bin\"]},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "cd".repeat(32) + "\"]}}"))
            .build();

    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    volatile boolean quiet;

    @Override
    public StreamObserver<LoadImageRequest> loadImage(StreamObserver<LoadImageResponse> out) {
        return new StreamObserver<>() {
            private boolean first = true;

            @Override
            public void onNext(LoadImageRequest r) {
                if (first) {
                    quiet = r.getQuiet();
                    first = false;
                }
                synchronized (received) {
                    received.writeBytes(r.getChunk().toByteArray());
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                out.onNext(LoadImageResponse.newBuilder().setStream("Loaded image: fixture/busybox:1\n")
                        .addLoaded("fixture/busybox:1").build());
                out.onCompleted();
            }
        };
    }

    @Override
    public void listImages(ListImagesRequest r, StreamObserver<ListImagesResponse> out) {
        out.onNext(ListImagesResponse.newBuilder().addImages(IMAGE).build());
        out.onCompleted();
    }

    @Override
    public void getImage(GetImageRequest r, StreamObserver<GetImageResponse> out) {
        if (IMAGE.getRepoTagsList().contains(r.getReference()) || IMAGE.getId().equals(r.getReference())) {
            out.onNext(GetImageResponse.newBuilder().setImage(IMAGE).build());
            out.onCompleted();
        } else {
            out.onError(Status.NOT_FOUND.withDescription("No such image: " + r.getReference()).asRuntimeException());
        }
    }
}
