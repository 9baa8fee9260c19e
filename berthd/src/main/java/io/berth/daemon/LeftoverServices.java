package io.berth.daemon;

import io.berth.common.ParentWatchdog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The service JVMs a previous berthd on the same exec root left running: a berthd killed with SIGKILL leaves
 * its services to their {@link ParentWatchdog}, which stops each within a second or two (leaving containers
 * running). A new berthd must not launch its own services while those still write the same journal and
 * stores, so it waits for them ({@link #awaitGone}) after taking the data-root lock. A service JVM is
 * recognised by its {@code -Dberth.parent.pid=} flag and an argument naming a path inside the exec root (its
 * sockets).
 */
final class LeftoverServices {
    private static final Logger LOG = LogManager.getLogger(LeftoverServices.class);

    private LeftoverServices() {
    }

    /**
     * Waits until no service JVM of another berthd on {@code execRoot} runs; SIGKILLs what is left after
     * {@code patience} (safe: containers never depend on a service process).
     *
     * @param execRoot the exec root
     * @param patience how long to wait before SIGKILL
     */
    static void awaitGone(Path execRoot, Duration patience) {
        List<ProcessHandle> left = find(execRoot);
        if (left.isEmpty()) {
            return;
        }
        LOG.warn("waiting for {} service process(es) of a previous berthd to stop: {}", left.size(),
                left.stream().map(ProcessHandle::pid).toList());
        long deadline = System.nanoTime() + patience.toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            left = left.stream().filter(ProcessHandle::isAlive).toList();
        }
        for (ProcessHandle p : left) {
            LOG.warn("service process {} of a previous berthd did not stop within {} s; killing it", p.pid(),
                    patience.toSeconds());
            p.destroyForcibly();
            p.onExit().join();
        }
    }

    /**
     * @param execRoot the exec root
     * @return the live service JVMs of another berthd using it
     */
    static List<ProcessHandle> find(Path execRoot) {
        String root = execRoot.toAbsolutePath().normalize() + "/";
        String mine = "-D" + ParentWatchdog.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()).filter(p -> {
            List<String> args = cmdline(p.pid());
            return args.stream().anyMatch(a -> a.startsWith("-D" + ParentWatchdog.PARENT_PID_PROPERTY + "="))
                    && !args.contains(mine) && args.stream().anyMatch(a -> a.startsWith(root));
        }).toList();
    }

    private static List<String> cmdline(long pid) {
        try {
            return Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }
}
