package io.berth.daemon.cds;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * When the archive is made during a berthd run that had none: {@code settle} after every service is ready
 * (so that the lists also hold what the first requests load), on a background thread; or, if berthd stops
 * before that, at its stop once the services are gone (then the CPU is free). Runs the
 * {@link CdsArchiveBuilder} at most once.
 */
public final class CdsRecording {
    private static final Logger LOG = LogManager.getLogger(CdsRecording.class);
    /** How long a stopping berthd waits for a dump under way. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(200);

    private final CdsArchiveBuilder builder;
    private final Duration settle;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Boolean> done = new CompletableFuture<>();

    /**
     * @param builder makes the archive
     * @param settle how long after start-up to wait before making it
     */
    public CdsRecording(CdsArchiveBuilder builder, Duration settle) {
        this.builder = builder;
        this.settle = settle;
    }

    /** Every service is ready: makes the archive {@code settle} from now, on a daemon thread. */
    public void servicesReady() {
        CompletableFuture.delayedExecutor(settle.toMillis(), TimeUnit.MILLISECONDS).execute(this::buildOnce);
    }

    /** The services are stopped: makes the archive now unless already made, or waits for the dump under way. */
    public void servicesStopped() {
        buildOnce();
        try {
            done.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("CDS archive dump still running after {} s; not waiting longer", STOP_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("CDS archive dump failed", e.getCause());
        }
    }

    private void buildOnce() {
        if (started.compareAndSet(false, true)) {
            try {
                done.complete(builder.build());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }
}
