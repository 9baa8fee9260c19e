package io.berth.common.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * An {@link OutputStream} that sends what is written as messages of at most {@value #CHUNK_BYTES} bytes on a
 * server stream, at the reader's pace: before each chunk it waits until gRPC's flow control says the call
 * is ready, so a slow client holds at most one chunk plus gRPC's small outbound buffer in memory. Must be
 * written from a thread of its own, never a gRPC callback thread (the call's ready signal is delivered on
 * those). A cancelled call makes the next write fail. Used by storage's Export and the engine's GetArchive.
 *
 * @param <T> the response message type
 */
public final class ChunkedServerStream<T> extends OutputStream {
    /** Bytes per message. */
    public static final int CHUNK_BYTES = 64 * 1024;

    private final ServerCallStreamObserver<T> call;
    private final Function<ByteString, T> message;
    private final Object ready = new Object();
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int used;
    private volatile boolean cancelled;

    /**
     * Registers the ready and cancel handlers; call before the handler returns.
     *
     * @param call the server call
     * @param message makes the response message that carries one chunk
     */
    public ChunkedServerStream(ServerCallStreamObserver<T> call, Function<ByteString, T> message) {
        this.call = call;
        this.message = message;
        call.setOnReadyHandler(this::signal);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            signal();
        });
    }

    /** @return true once the client cancelled the call */
    public boolean cancelled() {
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

    /**
     * Sends one message that is not a chunk (e.g. a header message before the data), waiting for the call to
     * be ready; what is buffered goes first.
     *
     * @param m the message
     * @throws IOException if the reader cancelled the call
     */
    public void sendMessage(T m) throws IOException {
        flush();
        awaitReady();
        call.onNext(m);
    }

    private void send() throws IOException {
        awaitReady();
        call.onNext(message.apply(ByteString.copyFrom(buffer, 0, used)));
        used = 0;
    }

    private void awaitReady() throws IOException {
        synchronized (ready) {
            while (!cancelled && !call.isReady()) {
                try {
                    ready.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the stream's reader");
                }
            }
        }
        if (cancelled) {
            throw new IOException("the stream's reader cancelled the call");
        }
    }
}
