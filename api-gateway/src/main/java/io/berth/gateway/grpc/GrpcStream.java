package io.berth.gateway.grpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link BidiStream} (and {@link ResponseStream}) over an async gRPC stub call with manual flow control:
 * {@value #WINDOW} messages are requested at start and one more each time {@link #next()} hands one out, so
 * at most that many wait in memory. Pass it as the
 * response observer of an async stub method, e.g. {@code stub.waitContainer(req, stream)} or
 * {@code stream.start(stub.attachContainer(stream))}.
 *
 * @param <Q> the request type
 * @param <T> the response type
 */
public final class GrpcStream<Q, T> implements ClientResponseObserver<Q, T>, BidiStream<Q, T> {
    private static final Object END = new Object();
    /** Messages requested ahead of the reader (a small window keeps many small messages flowing). */
    static final int WINDOW = 32;

    private record Failure(Throwable error) {
    }

    private final String service;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Object readyLock = new Object();
    private volatile ClientCallStreamObserver<Q> call;
    private volatile boolean ended;
    private boolean finished;

    /** @param service the peer's short name for error messages ("engine", "storage", "monitor") */
    public GrpcStream(String service) {
        this.service = service;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
        this.call = requestStream;
        requestStream.disableAutoRequestWithInitial(WINDOW);
        requestStream.setOnReadyHandler(() -> {
            synchronized (readyLock) {
                readyLock.notifyAll();
            }
        });
    }

    @Override
    public void onNext(T value) {
        queue.add(value);
    }

    @Override
    public void onError(Throwable t) {
        end(new Failure(t));
    }

    @Override
    public void onCompleted() {
        end(END);
    }

    private void end(Object marker) {
        ended = true;
        queue.add(marker);
        synchronized (readyLock) {
            readyLock.notifyAll();
        }
    }

    @Override
    public T next() throws InterruptedException {
        if (finished) {
            return null;
        }
        Object o = queue.take();
        if (o == END) {
            finished = true;
            return null;
        }
        if (o instanceof Failure f) {
            finished = true;
            throw ServiceCall.translate(service, f.error());
        }
        try {
            call.request(1);
        } catch (IllegalStateException cancelled) {
            // The call was cancelled meanwhile; the next next() reports it.
        }
        @SuppressWarnings("unchecked")
        T value = (T) o;
        return value;
    }

    @Override
    public boolean hasBuffered() {
        return finished || !queue.isEmpty();
    }

    @Override
    public synchronized void send(Q request) {
        if (!ended) {
            try {
                call.onNext(request);
            } catch (IllegalStateException closed) {
                // The call was cancelled meanwhile: dropped, as documented.
            }
        }
    }

    @Override
    public synchronized void halfClose() {
        if (!ended) {
            try {
                call.onCompleted();
            } catch (IllegalStateException closed) {
                // already closed
            }
        }
    }

    @Override
    public void awaitReady() throws InterruptedException {
        synchronized (readyLock) {
            while (!ended && !call.isReady()) {
                readyLock.wait();
            }
        }
    }

    @Override
    public void close() {
        if (!ended && call != null) {
            call.cancel("the HTTP client closed the connection", null);
        }
    }
}
