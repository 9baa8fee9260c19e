package io.berth.engine.grpc;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

/**
 * The data chunks of a client-streaming gRPC call as an {@link InputStream}, read by a worker thread at its
 * own pace: the call runs with manual flow control and the next message is requested only when the
 * previous chunk has been read, so at most one chunk per call waits in memory. gRPC's callbacks
 * {@link #offer}, {@link #end} or {@link #fail}.
 */
final class ChunkInputStream extends InputStream {
    private static final Object END = new Object();

    private record Failure(Throwable error) {
    }

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final IntConsumer request;
    private ByteString current = ByteString.EMPTY;
    private int offset;
    private boolean finished;

    /** @param request asks the call for more messages (ServerCallStreamObserver::request) */
    ChunkInputStream(IntConsumer request) {
        this.request = request;
    }

    /** @param chunk a message's data (gRPC thread) */
    void offer(ByteString chunk) {
        queue.add(chunk);
    }

    /** The client half-closed: the data is complete (gRPC thread). */
    void end() {
        queue.add(END);
    }

    /** @param t the call failed or was cancelled (gRPC thread) */
    void fail(Throwable t) {
        queue.add(new Failure(t));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (offset >= current.size()) {
            if (finished) {
                return -1;
            }
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the client's data");
            }
            if (o == END) {
                finished = true;
                return -1;
            }
            if (o instanceof Failure f) {
                finished = true;
                throw new IOException("the client's stream ended early: " + f.error().getMessage(), f.error());
            }
            current = (ByteString) o;
            offset = 0;
            request.accept(1);
        }
        int n = Math.min(len, current.size() - offset);
        current.copyTo(b, offset, off, n);
        offset += n;
        return n;
    }
}
