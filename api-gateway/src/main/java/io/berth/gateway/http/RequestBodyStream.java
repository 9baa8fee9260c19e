package io.berth.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body delivered while it arrives (Docker Engine API 1.41 {@code POST /images/load}: chunked
 * uploads of tens of MB). The connection's event loop {@link #offer}s chunks; a worker thread
 * {@link #read}s them. When more than {@link #HIGH_WATER} bytes wait, the dispatcher stops reading from the
 * socket until the reader has drained the queue below {@link #LOW_WATER}, so memory stays bounded.
 */
public final class RequestBodyStream {
    /** Queued bytes at which reading from the socket pauses. */
    public static final long HIGH_WATER = 4L * 1024 * 1024;
    /** Queued bytes below which reading resumes. */
    public static final long LOW_WATER = 1024L * 1024;

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final Runnable pressureChanged;
    private volatile boolean discarded;
    private boolean finished;

    /**
     * @param pressureChanged called (from the reading thread) when the queue drained below the low-water
     *     mark, so the owner can resume reading; must not block
     */
    public RequestBodyStream(Runnable pressureChanged) {
        this.pressureChanged = pressureChanged;
    }

    /**
     * A finished body made of the given chunks (tests, or a body already in memory).
     *
     * @param chunks the chunks
     * @return the stream, already ended
     */
    public static RequestBodyStream of(byte[]... chunks) {
        RequestBodyStream s = new RequestBodyStream(() -> { });
        for (byte[] c : chunks) {
            s.queue.add(c);
        }
        s.queue.add(END);
        return s;
    }

    /**
     * Queues a chunk (event loop). The buffer is copied; the caller keeps ownership of {@code content}.
     *
     * @param content the chunk
     */
    public void offer(ByteBuf content) {
        if (discarded || !content.isReadable()) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        queued.addAndGet(bytes.length);
        queue.add(bytes);
    }

    /** Marks the end of the body (event loop). */
    public void end() {
        queue.add(END);
    }

    /**
     * Ends the body with an error (the client went away mid-upload).
     *
     * @param error what the reader will get from {@link #read}
     */
    public void fail(RuntimeException error) {
        queue.add(error);
    }

    /** @return true while so much is queued that the socket should not be read */
    public boolean wantsPause() {
        return !discarded && queued.get() >= HIGH_WATER;
    }

    /**
     * Takes the next chunk, waiting for it.
     *
     * @return the chunk, or null at the end of the body
     * @throws InterruptedException if interrupted while waiting
     * @throws RuntimeException the error passed to {@link #fail}, e.g. {@link ClientGoneException}
     */
    public byte[] read() throws InterruptedException {
        if (finished) {
            return null;
        }
        Object o = queue.take();
        if (o == END) {
            finished = true;
            return null;
        }
        if (o instanceof RuntimeException e) {
            finished = true;
            throw e;
        }
        byte[] bytes = (byte[]) o;
        long before = queued.getAndAdd(-bytes.length);
        if (before >= LOW_WATER && before - bytes.length < LOW_WATER) {
            pressureChanged.run();
        }
        return bytes;
    }

    /** Drops what is queued and what still arrives (the handler gave up on the body); never pauses reading again. */
    public void discard() {
        discarded = true;
        queue.removeIf(o -> o instanceof byte[]);
        queued.set(0);
        pressureChanged.run();
    }
}
