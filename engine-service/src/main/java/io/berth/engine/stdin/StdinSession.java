package io.berth.engine.stdin;

import io.berth.engine.runtime.StdinConnection;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The stdin of one attach client of one container. Bytes are queued from the moment the client attaches,
 * also before the container starts: {@code docker run -i} writes its stdin and half-closes before it even
 * sends {@code start} (the CLI attaches before it starts the container). Once the run's stdin is known
 * ({@link #start(StdinTarget)}), a daemon thread connects to it, writes the queued bytes in order, keeps
 * forwarding, and closes the connection on {@link #end()} (after the queue is written) or {@link #close()}
 * (dropping the queue). Closing the connection is what ends the container's stdin for a StdinOnce
 * container, so a client that ends or goes away before the start still connects once the run exists, to
 * close it, as dockerd closes the stdin of a StdinOnce container when its attach stream ends.
 * {@link #discard()} (the run is over) drops the session without connecting.
 */
final class StdinSession implements StdinWriter {
    private static final Logger LOG = LogManager.getLogger(StdinSession.class);

    private final String containerId;
    private final Consumer<StdinSession> onFinish;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private boolean ended;
    private boolean closed;
    private boolean discarded;
    private boolean started;
    private StdinConnection connection;

    /**
     * @param containerId the container (for the thread name and logs)
     * @param onFinish called once when the session is over (delivered, failed, closed or discarded)
     */
    StdinSession(String containerId, Consumer<StdinSession> onFinish) {
        this.containerId = containerId;
        this.onFinish = onFinish;
    }

    @Override
    public synchronized void write(byte[] data) {
        if (ended || closed || data.length == 0) {
            return;
        }
        queue.add(data);
        notifyAll();
    }

    @Override
    public synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public void close() {
        shut(false);
    }

    /** The run is over (or never came): drops the input and, if not connected yet, never connects. */
    void discard() {
        shut(true);
    }

    private void shut(boolean discard) {
        StdinConnection c;
        boolean finishNow;
        synchronized (this) {
            discarded |= discard;
            finishNow = discard && !started; // finish() runs once however often this is called
            if (closed && !finishNow) {
                return;
            }
            closed = true;
            queue.clear();
            c = connection;
            notifyAll();
        }
        if (c != null) {
            c.close(); // ends the input; a write stuck on a process that does not read returns when it exits
        }
        if (finishNow) {
            finish();
        }
    }

    /**
     * Starts delivering to the run's stdin (once; later calls and calls after {@link #discard()} do nothing).
     *
     * @param target the run's stdin
     */
    synchronized void start(StdinTarget target) {
        if (started || discarded) {
            return;
        }
        started = true;
        Thread t = new Thread(() -> pump(target), "stdin-" + containerId.substring(0, Math.min(12,
                containerId.length())));
        t.setDaemon(true);
        t.start();
    }

    /** @return completed when the session is over (after it left its hub) */
    CompletableFuture<Void> finished() {
        return finished;
    }

    private void pump(StdinTarget target) {
        StdinConnection c = null;
        try {
            c = target.connect();
            LOG.debug("stdin of container {} connected", containerId);
            if (!adopt(c)) {
                return; // closed before the run: connecting and closing ends a StdinOnce stdin
            }
            for (byte[] next = take(); next != null; next = take()) {
                c.write(next);
            }
        } catch (IOException e) {
            if (!isClosed()) {
                LOG.warn("stdin of container {} not delivered: {}", containerId, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                c.close();
                LOG.debug("stdin of container {} closed", containerId);
            }
            finish();
        }
    }

    private synchronized boolean adopt(StdinConnection c) {
        connection = c;
        return !closed;
    }

    /** @return the next bytes, or null once the input ended (and the queue is empty) or the session closed */
    private synchronized byte[] take() throws InterruptedException {
        while (queue.isEmpty() && !ended && !closed) {
            wait();
        }
        return closed ? null : queue.poll();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            onFinish.accept(this);
            finished.complete(null);
        }
    }
}
