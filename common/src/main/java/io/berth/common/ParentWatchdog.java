package io.berth.common;

import java.time.Duration;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Ends a service process when the berthd that launched it is gone, so that a berthd killed with SIGKILL
 * leaves no service JVM behind. berthd passes its own pid as {@code -Dberth.parent.pid=<pid>}; the watchdog
 * checks once a second that this pid is still this process's parent and still alive. When it is not, it
 * records it ({@link ContainersOutliveServices#requested} is true from then on) and calls
 * {@code System.exit(0)}, which runs the service's shutdown hook: a clean stop of the service that leaves
 * containers running (engine-service detaches from them; the next berthd re-attaches them).
 *
 * <p>Use in a service main, before starting the server: {@code ParentWatchdog.startFromSystemProperty();}.
 * Without the property (a service started by hand) it does nothing.
 */
public final class ParentWatchdog {
    /** The system property berthd sets to its own pid. */
    public static final String PARENT_PID_PROPERTY = "berth.parent.pid";

    private static final Logger LOG = LogManager.getLogger(ParentWatchdog.class);
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private ParentWatchdog() {
    }

    /**
     * Starts the watchdog if {@code -Dberth.parent.pid} is set to a number.
     *
     * @return the watchdog's daemon thread, or empty when the property is absent or not a pid
     */
    public static Optional<Thread> startFromSystemProperty() {
        String value = System.getProperty(PARENT_PID_PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(value.trim());
            return Optional.of(start(pid, INTERVAL, ParentWatchdog::exitBecauseParentIsGone));
        } catch (NumberFormatException e) {
            LOG.warn("ignoring -D{}={}: not a pid", PARENT_PID_PROPERTY, value);
            return Optional.empty();
        }
    }

    /**
     * Starts a daemon thread that runs {@code onParentGone} once, as soon as {@link #isParentGone} is true.
     *
     * @param parentPid the pid of the expected parent (berthd)
     * @param interval time between checks
     * @param onParentGone what to do then (in production: exit the JVM)
     * @return the started daemon thread
     */
    public static Thread start(long parentPid, Duration interval, Runnable onParentGone) {
        Thread t = new Thread(() -> watch(parentPid, interval, onParentGone), "parent-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * @param parentPid the pid of the expected parent
     * @return true if this process's parent is no longer {@code parentPid} or that process is not alive
     */
    public static boolean isParentGone(long parentPid) {
        long actualParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (actualParent != parentPid) {
            return true;
        }
        return ProcessHandle.of(parentPid).map(ph -> !ph.isAlive()).orElse(true);
    }

    private static void watch(long parentPid, Duration interval, Runnable onParentGone) {
        try {
            while (!isParentGone(parentPid)) {
                Thread.sleep(interval.toMillis());
            }
            onParentGone.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exitBecauseParentIsGone() {
        LOG.warn("berthd (pid {}) is gone; shutting down (containers keep running)",
                System.getProperty(PARENT_PID_PROPERTY));
        ContainersOutliveServices.parentGone();
        System.exit(0);
    }
}
