package io.berth.engine.watch;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.runtime.ProcessCheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Notices container exits: conmon writes the exit code to {@code <exec-root>/conmon/exits/<id>}. A
 * {@link WatchService} (inotify) on that directory reports it at once; a poll every 2 s is the fallback,
 * and it also declares exit code 255 for a container whose conmon died without writing the file. Each
 * watched container's exit is delivered once, on a separate thread.
 */
@Singleton
public final class ExitWatcher implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ExitWatcher.class);
    /** Exit code reported when conmon is gone and left no exit file. */
    public static final int UNKNOWN_EXIT = 255;

    /** Receives exits. */
    public interface Listener {
        /**
         * @param containerId the container
         * @param exitCode its exit code
         */
        void onExit(String containerId, int exitCode);
    }

    private final Path exitDir;
    private final Map<String, Integer> watched = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newCachedThreadPool(r -> thread(r, "exit-handler"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            r -> thread(r, "exit-poller"));
    private volatile Listener listener;
    private WatchService watchService;

    /** @param config the exec root */
    @Inject
    public ExitWatcher(EngineConfig config) {
        this.exitDir = config.exitDir();
    }

    /**
     * Starts watching the exit directory (creating it).
     *
     * @param l where exits go
     * @throws UncheckedIOException if the directory cannot be watched
     */
    public synchronized void start(Listener l) {
        this.listener = l;
        try {
            Files.createDirectories(exitDir);
            watchService = FileSystems.getDefault().newWatchService();
            exitDir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.OVERFLOW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + exitDir, e);
        }
        thread(this::watchLoop, "exit-watcher").start();
        poller.scheduleWithFixedDelay(this::pollAll, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * Watches a container run; delivers at once if its exit file is already there.
     *
     * @param containerId the container
     * @param conmonPid its conmon's pid (0 if unknown: then only the exit file counts)
     */
    public void watch(String containerId, int conmonPid) {
        watched.put(containerId, conmonPid);
        check(containerId);
    }

    /**
     * Stops watching a container (its exit will not be delivered).
     *
     * @param containerId the container
     */
    public void unwatch(String containerId) {
        watched.remove(containerId);
    }

    /**
     * @param containerId the container
     * @return the exit code conmon wrote, if the file exists and is complete
     */
    public OptionalInt readExitCode(String containerId) {
        try {
            String s = Files.readString(exitDir.resolve(containerId), StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * @param containerId the container
     * @return when conmon wrote its exit file (the moment the container's exit was recorded, also while no engine
     *     ran), if the file exists
     */
    public java.util.Optional<java.time.Instant> exitFileTime(String containerId) {
        try {
            return java.util.Optional.of(Files.getLastModifiedTime(exitDir.resolve(containerId)).toInstant());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Deletes a container's exit file (before a new run, or after removal).
     *
     * @param containerId the container
     */
    public void clearExitFile(String containerId) {
        try {
            Files.deleteIfExists(exitDir.resolve(containerId));
        } catch (IOException e) {
            LOG.warn("cannot delete exit file of {}: {}", containerId, e.toString());
        }
    }

    private void check(String id) {
        OptionalInt code = readExitCode(id);
        if (code.isPresent()) {
            deliver(id, code.getAsInt());
        }
    }

    private void deliver(String id, int code) {
        if (watched.remove(id) != null && listener != null) {
            delivery.execute(() -> {
                try {
                    listener.onExit(id, code);
                } catch (RuntimeException e) {
                    LOG.error("handling the exit of {} failed", id, e);
                }
            });
        }
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        pollAll();
                    } else if (ev.context() instanceof Path p && watched.containsKey(p.toString())) {
                        check(p.toString());
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("exit watcher stopped");
        }
    }

    private void pollAll() {
        for (Map.Entry<String, Integer> e : watched.entrySet()) {
            String id = e.getKey();
            check(id);
            int pid = e.getValue();
            if (watched.containsKey(id) && pid > 0 && !ProcessCheck.isConmonAlive(pid)) {
                // conmon writes the file before exiting: look once more before declaring it lost.
                OptionalInt code = readExitCode(id);
                deliver(id, code.orElse(UNKNOWN_EXIT));
            }
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops watching and polling (pending deliveries still run). */
    @Override
    public synchronized void close() {
        poller.shutdownNow();
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        delivery.shutdown();
    }
}
