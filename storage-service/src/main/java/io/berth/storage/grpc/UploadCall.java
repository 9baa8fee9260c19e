package io.berth.storage.grpc;

import com.google.protobuf.ByteString;
import io.berth.common.grpc.GrpcErrors;
import io.berth.storage.image.ArchiveUpload;
import io.berth.storage.image.ImageStore;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One client-streaming upload rpc (LoadImage, ImportImage): every request's bytes go to an
 * {@link ArchiveUpload}; the first request is kept for its options; when the client half-closes,
 * {@code finish} runs on the complete upload and sends the responses. Errors are reported through the
 * response observer (mapped with {@link GrpcErrors}); the upload's temp file is always deleted.
 *
 * @param <Q> the request message
 * @param <R> the response message
 */
final class UploadCall<Q, R> implements StreamObserver<Q> {
    private static final Logger LOG = LogManager.getLogger(UploadCall.class);

    /** What the rpc does with the finished upload. */
    interface Finish<Q, R> {
        /**
         * @param first the first request (options), or the default instance if none came
         * @param upload the complete upload
         * @param out where the responses go (the caller completes it)
         */
        void finish(Q first, ArchiveUpload upload, StreamObserver<R> out);
    }

    private final String rpc;
    private final ImageStore store;
    private final StreamObserver<R> out;
    private final Function<Q, ByteString> chunk;
    private final Finish<Q, R> finish;
    private final Q defaultRequest;
    private Q first;
    private ArchiveUpload upload;
    private boolean failed;

    UploadCall(String rpc, ImageStore store, StreamObserver<R> out, Q defaultRequest,
               Function<Q, ByteString> chunk, Finish<Q, R> finish) {
        this.rpc = rpc;
        this.store = store;
        this.out = out;
        this.defaultRequest = defaultRequest;
        this.chunk = chunk;
        this.finish = finish;
    }

    @Override
    public void onNext(Q req) {
        if (failed) {
            return;
        }
        try {
            if (upload == null) {
                first = req;
                upload = store.beginLoad();
            }
            byte[] bytes = chunk.apply(req).toByteArray();
            upload.write(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("{} cancelled by the client: {}", rpc, t.toString());
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
            finish.finish(first != null ? first : defaultRequest, upload, out);
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
            LOG.error("{} failed", rpc, e);
        } else {
            LOG.debug("{} failed: {}", rpc, e.getMessage());
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
