package io.berth.gateway.http;

import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads handlers run on (never the Netty event loop). Unbounded and cached: a handler may block for a
 * whole stream (logs -f, events, wait, attach), each on its own daemon thread named "gateway-worker-N".
 */
@Singleton
public final class WorkerPool implements Executor, AutoCloseable {
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gateway-worker-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    /** Interrupts running handlers and stops taking new ones (waits up to 1 s). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
