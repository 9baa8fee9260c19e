package io.berth.common;

import io.berth.common.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a stopping engine-service leaves its containers running (detaches from them) instead of stopping
 * them. Containers run under their own conmon, so they never need the engine: only a deliberate stop of
 * berthd (SIGTERM or SIGINT to berthd) stops them. The engine detaches when
 * <ul>
 *   <li>berthd is gone (killed with SIGKILL, crashed): {@link ParentWatchdog} notices and records it with
 *       {@link #parentGone()} before it exits the JVM; or</li>
 *   <li>berthd gives up on a crashing service: it writes the marker {@value #MARKER} into the exec root
 *       ({@link #request}) before it sends SIGTERM to the services, and deletes it at its next start
 *       ({@link #clear}); or</li>
 *   <li>berthd stops with {@code live-restore} on (daemon.json or {@code --live-restore}): it writes the same marker
 *       before its SIGTERMs, so its containers outlive the daemon as dockerd's do with live-restore.</li>
 * </ul>
 * The next berthd on the same roots re-attaches the containers (engine-service's ContainerRecovery).
 */
public final class ContainersOutliveServices {
    /** File name of berthd's marker in the exec root. */
    public static final String MARKER = "leave-containers-running";

    private static volatile boolean parentGone;

    private ContainersOutliveServices() {
    }

    /** Records that berthd is gone (called by the watchdog right before {@code System.exit}). */
    static void parentGone() {
        parentGone = true;
    }

    /**
     * Writes the marker (atomically, durably), so that services stopping from now on leave containers running.
     *
     * @param execRoot berthd's exec root
     * @param reason why, one line written into the marker (for whoever looks at the exec root)
     * @throws IOException if it cannot be written
     */
    public static void request(Path execRoot, String reason) throws IOException {
        AtomicFiles.write(execRoot.resolve(MARKER), (reason + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Deletes the marker (berthd at its start, before launching services).
     *
     * @param execRoot berthd's exec root
     * @throws IOException if it cannot be deleted
     */
    public static void clear(Path execRoot) throws IOException {
        Files.deleteIfExists(execRoot.resolve(MARKER));
    }

    /**
     * @param execRoot the exec root
     * @return true if a stopping service must leave containers running: berthd is gone or asked for it
     */
    public static boolean requested(Path execRoot) {
        return parentGone || Files.exists(execRoot.resolve(MARKER));
    }
}
