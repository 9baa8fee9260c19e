package io.berth.gateway.router.images;

import com.google.protobuf.UnsafeByteOperations;
import io.berth.common.json.Json;
import io.berth.gateway.grpc.BidiStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.RequestBodyStream;
import io.berth.proto.storage.v1.LoadImageRequest;
import io.berth.proto.storage.v1.LoadImageResponse;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code POST /images/load?quiet=} of Docker Engine API 1.41 (moby {@code postImagesLoad}): the request body
 * (a docker-archive or OCI layout tar, usually chunked, tens of MB) is streamed into storage's LoadImage
 * while it arrives; storage's progress lines come back as a chunked JSON message stream
 * {@code {"stream":"Loaded image: x\n"}}. An error before any progress is an HTTP error (400 for a bad
 * archive); an error after it is the stream's last object {@code {"errorDetail":{"message":..},"error":..}}.
 */
final class ImageLoadHandler {
    private final ImagesBackend backend;
    private final Executor pumps;

    ImageLoadHandler(ImagesBackend backend, Executor pumps) {
        this.backend = backend;
        this.pumps = pumps;
    }

    void postImagesLoad(ApiRequest req, HttpExchange ex) throws InterruptedException {
        boolean quiet = req.query().bool("quiet", false);
        RequestBodyStream body = req.bodyStream() != null ? req.bodyStream() : RequestBodyStream.of(req.body());
        BidiStream<LoadImageRequest, LoadImageResponse> call = backend.loadImage();
        ex.onClose(call::close);
        pumps.execute(() -> UploadPump.pump(body::read, call, LoadImageRequest.newBuilder().setQuiet(quiet).build(),
                chunk -> LoadImageRequest.newBuilder().setChunk(UnsafeByteOperations.unsafeWrap(chunk)).build()));
        ProgressStreamHandler.relay(call, ex, r -> r.getStream().isEmpty() ? new byte[0]
                : Json.line(Map.of("stream", r.getStream())));
    }
}
