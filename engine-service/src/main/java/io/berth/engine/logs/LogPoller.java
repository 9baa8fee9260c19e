package io.berth.engine.logs;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Polls the {@link LogFollower} of every running container every 100 ms on one daemon thread (the
 * latency of attach and {@code logs -f}). The final drain at a container's exit is done by the exit
 * handler itself, after {@link #unregister}.
 */
@Singleton
public final class LogPoller implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LogPoller.class);
    private static final long INTERVAL_MS = 100;

    private final Map<String, LogFollower> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "log-poller");
        t.setDaemon(true);
        return t;
    });

    /** Starts the polling thread. */
    public LogPoller() {
        timer.scheduleWithFixedDelay(this::pollAll, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param containerId the container
     * @param follower its follower, polled from now on
     */
    public void register(String containerId, LogFollower follower) {
        followers.put(containerId, follower);
    }

    /**
     * Stops polling a container's follower.
     *
     * @param containerId the container
     * @return the follower that was registered, or {@code null}
     */
    public LogFollower unregister(String containerId) {
        return followers.remove(containerId);
    }

    private void pollAll() {
        for (Map.Entry<String, LogFollower> e : followers.entrySet()) {
            try {
                e.getValue().poll();
            } catch (RuntimeException ex) {
                LOG.warn("log follower of {} failed: {}", e.getKey(), ex.toString());
            }
        }
    }

    /**
     * Stops the polling thread after one last poll of every follower (each keeps its offset file, so the next
     * engine's followers resume exactly there).
     */
    public void drainAndClose() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollAll();
    }

    /** Stops the polling thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
