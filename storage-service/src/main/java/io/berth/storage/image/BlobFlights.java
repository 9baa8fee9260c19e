package io.berth.storage.image;

import io.berth.storage.content.Digest;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Coordinates concurrent pulls: each layer blob (by diff ID) is downloaded by one pull at a time while the
 * others wait for it (containerd's and dockerd's download manager do the same), and a pull holds a lease on
 * every blob it uses so that a failed pull's roll-back never deletes a blob another pull still needs.
 */
@Singleton
final class BlobFlights {
    private final ConcurrentHashMap<Digest, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Digest, AtomicInteger> leases = new ConcurrentHashMap<>();

    /**
     * Runs {@code download} unless another pull is downloading the same blob; then waits for that one.
     *
     * @param diffId the blob
     * @param download fetches and commits it
     * @return true if this caller downloaded it, false if it waited for another pull's download (which
     *     succeeded or failed: the caller checks whether the blob exists now)
     * @throws InterruptedException if interrupted while waiting
     */
    boolean downloadOnce(Digest diffId, Runnable download) throws InterruptedException {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = running.putIfAbsent(diffId, mine);
        if (other != null) {
            try {
                other.get();
            } catch (ExecutionException failed) {
                // the other pull reports its own failure; the caller sees the blob is missing
            }
            return false;
        }
        try {
            download.run();
            mine.complete(null);
            return true;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(diffId, mine);
        }
    }

    /** @param diffId a blob a pull uses from now on */
    void lease(Digest diffId) {
        leases.computeIfAbsent(diffId, d -> new AtomicInteger()).incrementAndGet();
    }

    /** @param diffId a blob a pull no longer uses */
    void release(Digest diffId) {
        leases.computeIfPresent(diffId, (d, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /**
     * @param diffId a blob
     * @return true if more than one pull holds a lease on it (so one pull's roll-back must keep it)
     */
    boolean sharedWithOthers(Digest diffId) {
        AtomicInteger n = leases.get(diffId);
        return n != null && n.get() > 1;
    }
}
