package io.berth.storage.grpc;

import com.google.protobuf.ByteString;
import io.berth.common.grpc.ChunkedServerStream;
import io.berth.common.grpc.GrpcErrors;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The server side of storage's byte streams (Snapshots.Export, Images.SaveImages): the bytes are written
 * from a thread of their own through common's {@link ChunkedServerStream}, at the client's pace. A cancelled
 * call stops the writer at the next chunk; a failure after the first chunk ends the call with its gRPC
 * status (the client's tar is then incomplete, as with dockerd when an export fails midway). Check what can
 * be checked (the key, the names) before calling {@link #start}, so those errors come before any byte.
 */
final class ChunkedCalls {
    private static final Logger LOG = LogManager.getLogger(ChunkedCalls.class);
    private static final Executor WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "storage-stream");
        t.setDaemon(true);
        return t;
    });

    /** Writes the call's bytes. */
    interface Writer {
        /**
         * @param out the call's stream (not to be closed)
         * @throws IOException if the bytes cannot be produced or the call fails
         */
        void write(OutputStream out) throws IOException;
    }

    private ChunkedCalls() {
    }

    /**
     * @param out the call's observer
     * @param message wraps a chunk in the response message
     * @param what names the call in logs
     * @param writer produces the bytes
     * @param <T> the response message
     */
    static <T> void start(StreamObserver<T> out, Function<ByteString, T> message, String what, Writer writer) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) out;
        ChunkedServerStream<T> stream = new ChunkedServerStream<>(call, message);
        WRITERS.execute(() -> {
            try {
                writer.write(stream);
                stream.flush();
                call.onCompleted();
            } catch (IOException | RuntimeException e) {
                if (stream.cancelled()) {
                    LOG.debug("{} cancelled by the client", what);
                    return;
                }
                LOG.warn("{} failed: {}", what, e.toString());
                call.onError(GrpcErrors.toStatus(e).asRuntimeException());
            }
        });
    }
}
