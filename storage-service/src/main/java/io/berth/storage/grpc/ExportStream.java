package io.berth.storage.grpc;

import com.google.protobuf.ByteString;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An {@link OutputStream} that sends what is written as {@code ExportSnapshotResponse} chunks of
 * {@value #CHUNK_BYTES} bytes on a server stream, at the reader's pace: before each chunk it waits until
 * gRPC's flow control says the call is ready, so a slow client holds at most one chunk plus gRPC's small
 * outbound buffer in memory. Must be written from a thread of its own, never a gRPC callback thread (the
 * call's ready signal is delivered on those). A cancelled call makes the next write fail.
 */
final class ExportStream extends OutputStream {
    /** Bytes per message. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final ServerCallStreamObserver<ExportSnapshotResponse> call;
    private final Object ready = new Object();
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int used;
    private volatile boolean cancelled;

    /**
     * Registers the ready and cancel handlers; call before the handler returns.
     *
     * @param call the server call
     */
    ExportStream(ServerCallStreamObserver<ExportSnapshotResponse> call) {
        this.call = call;
        call.setOnReadyHandler(this::signal);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            signal();
        });
    }

    /** @return true once the client cancelled the call */
    boolean cancelled() {
        return cancelled;
    }

    private void signal() {
        synchronized (ready) {
            ready.notifyAll();
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            send();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == buffer.length) {
                send();
            }
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered (waiting for the call to be ready). */
    @Override
    public void flush() throws IOException {
        if (used > 0) {
            send();
        }
    }

    private void send() throws IOException {
        synchronized (ready) {
            while (!cancelled && !call.isReady()) {
                try {
                    ready.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the export's reader");
                }
            }
        }
        if (cancelled) {
            throw new IOException("the export's reader cancelled the call");
        }
        call.onNext(ExportSnapshotResponse.newBuilder().setData(ByteString.copyFrom(buffer, 0, used)).build());
        used = 0;
    }
}
