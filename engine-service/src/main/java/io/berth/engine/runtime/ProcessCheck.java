package io.berth.engine.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Liveness checks of host processes through /proc. */
public final class ProcessCheck {
    private ProcessCheck() {
    }

    /**
     * @param pid a host PID (0 or less: unknown)
     * @return true if a process with that pid exists and is not a zombie, and its command name is
     *     "conmon" (so a recycled pid does not count)
     */
    public static boolean isConmonAlive(int pid) {
        if (pid <= 0) {
            return false;
        }
        Path proc = Path.of("/proc", Integer.toString(pid));
        try {
            String comm = Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).trim();
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            boolean zombie = close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
            return comm.equals("conmon") && !zombie;
        } catch (IOException e) {
            return false;
        }
    }
}
