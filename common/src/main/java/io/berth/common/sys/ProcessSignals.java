package io.berth.common.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;

/**
 * Sends a signal to a process by pid (kill(2)), for what {@link Process} cannot send (SIGHUP). Linux x86_64 numbers.
 */
public final class ProcessSignals {
    /** SIGHUP: berth's services read the daemon settings again. */
    public static final int SIGHUP = 1;

    private interface Kill extends Library {
        Kill INSTANCE = Native.load("c", Kill.class);

        int kill(int pid, int sig) throws LastErrorException;
    }

    private ProcessSignals() {
    }

    /**
     * @param pid the process
     * @param signal the signal number
     * @throws IOException with the errno if kill(2) fails (ESRCH: no such process)
     */
    public static void send(long pid, int signal) throws IOException {
        try {
            Kill.INSTANCE.kill(Math.toIntExact(pid), signal);
        } catch (LastErrorException e) {
            throw new IOException("kill " + pid + " with signal " + signal + ": errno " + e.getErrorCode(), e);
        }
    }
}
