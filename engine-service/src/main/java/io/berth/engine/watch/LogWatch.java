package io.berth.engine.watch;

import io.berth.common.DaemonThreads;
import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.common.logs.LogOptions;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.logs.LogFiles;
import io.berth.engine.logs.LogHub;
import io.berth.engine.logs.LogRotation;
import io.berth.engine.runtime.ConmonControl;
import io.berth.engine.runtime.ConmonLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Watches the log file conmon writes for each running container ({@link ConmonLog}): every 20 ms one thread
 * stats each file (size and identity, nothing read), and for a container whose file changed it hands that
 * container's work to a pool thread of its own: rotating the files when {@code max-size} is reached
 * ({@link LogRotation}) and telling the container's live readers ({@link LogHub}) to read on. The readers
 * read the file themselves, each at its client's pace, on the thread that wakes them; so a container writing
 * 100 MB/s keeps one pool thread busy with its own readers and never delays another container's readers, its
 * exit handling, or the watch itself. At most one task per container is queued at a time.
 *
 * <p>Nothing of the output passes through the engine: conmon writes it into the data root, so an engine that
 * is down or slow loses nothing and the log is complete when the engine returns.
 */
@Singleton
public final class LogWatch implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LogWatch.class);
    /** How often each watched file is checked (the latency of {@code logs -f} and attach). */
    static final long INTERVAL_MS = 20;

    private final ContainerIo io;
    private final EngineConfig config;
    private final ConmonControl control;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("log-watch"));
    private final ExecutorService work = Executors.newCachedThreadPool(DaemonThreads.named("log-readers"));

    /** One watched container run. */
    private final class Watched {
        final LogFiles files;
        final LogHub hub;
        final Bundle bundle;
        final AtomicBoolean queued = new AtomicBoolean();
        final Object rotating = new Object();
        long size = -1;
        Object key;

        Watched(LogFiles files, LogHub hub, Bundle bundle) {
            this.files = files;
            this.hub = hub;
            this.bundle = bundle;
        }

        void check() {
            long s;
            Object k;
            try {
                BasicFileAttributes a = Files.readAttributes(files.current(), BasicFileAttributes.class);
                s = a.size();
                k = a.fileKey();
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                LOG.debug("cannot stat {}: {}", files.current(), e.toString());
                return;
            }
            if (s == size && Objects.equals(k, key)) {
                return;
            }
            size = s;
            key = k;
            if (queued.compareAndSet(false, true)) {
                work.execute(this::run);
            }
        }

        void run() {
            queued.set(false);
            if (files.maxSize() > 0) {
                synchronized (rotating) {
                    try {
                        if (Files.size(files.current()) >= files.maxSize()) {
                            LogRotation.rotate(files, hub.rotationLock(), () -> control.reopenLogs(bundle.dir()));
                        }
                    } catch (IOException e) {
                        LOG.warn("cannot rotate {}: {}", files.current(), e.toString());
                    }
                }
            }
            hub.publish(() -> { });
        }
    }

    /**
     * @param io the containers' output hubs
     * @param config bundles (conmon's control FIFO) and the data root
     * @param control conmon's control FIFO
     */
    @Inject
    public LogWatch(ContainerIo io, EngineConfig config, ConmonControl control) {
        this.io = io;
        this.config = config;
        this.control = control;
        timer.scheduleWithFixedDelay(this::checkAll, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param r a container
     * @param config the data root
     * @return the files of its log (its LogPath, or the none driver's attach-only file)
     */
    public static LogFiles files(ContainerRecord r, EngineConfig config) {
        ConmonLog log = ConmonLog.of(r, config);
        return log.sizeMax() > 0 ? new LogFiles(log.file(), 1, false, -1)
                : LogFiles.of(log.file(), LogOptions.of(r.hostConfig()));
    }

    /**
     * Starts watching a running container's log (at its start, or the engine's restart).
     *
     * @param c the container
     */
    public void start(Container c) {
        Watched w = new Watched(files(c.record(), config), io.output(c), config.bundle(c.id()));
        watched.put(c.id(), w);
        w.check();
    }

    /**
     * Stops watching (the run ended; its readers read to the file's end by themselves).
     *
     * @param c the container
     */
    public void stop(Container c) {
        watched.remove(c.id());
    }

    private void checkAll() {
        for (Watched w : watched.values()) {
            try {
                w.check();
            } catch (RuntimeException e) {
                LOG.warn("log watch of {} failed: {}", w.files.current(), e.toString());
            }
        }
    }


    /** Stops the watch thread. */
    @Override
    public void close() {
        timer.shutdownNow();
        work.shutdown();
    }
}
