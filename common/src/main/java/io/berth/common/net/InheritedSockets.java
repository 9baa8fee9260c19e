package io.berth.common.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * systemd socket activation ({@code -H fd://}, {@code fd://N}; sd_listen_fds(3)): berthd receives listening sockets
 * as file descriptors 3, 4, ... ({@code LISTEN_FDS=n}, {@code LISTEN_PID} = its own pid). The JDK closes every
 * descriptor above 2 when it starts a child, so the gateway (a separate JVM) cannot inherit them; it copies them
 * out of berthd instead with pidfd_open(2) and pidfd_getfd(2) (Linux 5.6; root, as the gateway is, may), by number.
 * Linux x86_64 syscall numbers.
 */
public final class InheritedSockets {
    /** sd_listen_fds(3)'s first descriptor. */
    public static final int FIRST_FD = 3;
    /** AF_UNIX. */
    public static final int AF_UNIX = 1;
    /** AF_INET. */
    public static final int AF_INET = 2;
    /** AF_INET6. */
    public static final int AF_INET6 = 10;

    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_GETFD = 438;

    private interface C extends Library {
        C INSTANCE = Native.load("c", C.class);

        long syscall(long number, Object... args) throws LastErrorException;

        int getsockname(int fd, byte[] addr, IntByReference len) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int fcntl(int fd, int cmd, int arg) throws LastErrorException;
    }

    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 04000;

    private InheritedSockets() {
    }

    /**
     * sd_listen_fds(3) without unsetting anything: the descriptors systemd passed to this process.
     *
     * @param env the environment ({@code LISTEN_PID}, {@code LISTEN_FDS})
     * @param ownPid this process's pid
     * @return the descriptors 3 .. 3+n-1; none if {@code LISTEN_PID} is not {@code ownPid} or the variables are
     *     missing or malformed
     */
    public static List<Integer> listenFds(Map<String, String> env, long ownPid) {
        try {
            if (Long.parseLong(env.getOrDefault("LISTEN_PID", "")) != ownPid) {
                return List.of();
            }
            int n = Integer.parseInt(env.getOrDefault("LISTEN_FDS", ""));
            List<Integer> fds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fds.add(FIRST_FD + i);
            }
            return fds;
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    /**
     * Resolves {@code -H fd://} (every passed descriptor) and {@code fd://N} (that one) as dockerd's
     * {@code listeners.Init} does.
     *
     * @param fdHosts the {@code fd://} addresses given, in order
     * @param passed the descriptors passed ({@link #listenFds})
     * @return the descriptors to serve, each once
     * @throws IllegalArgumentException with dockerd's text when none were passed or {@code N} was not
     */
    public static List<Integer> select(List<HostAddress> fdHosts, List<Integer> passed) {
        if (passed.isEmpty()) {
            throw new IllegalArgumentException("no sockets found via socket activation: make sure the service was "
                    + "started by systemd");
        }
        List<Integer> out = new ArrayList<>();
        for (HostAddress h : fdHosts) {
            if (h.port() == 0) {
                passed.stream().filter(f -> !out.contains(f)).forEach(out::add);
            } else if (!passed.contains(h.port())) {
                throw new IllegalArgumentException("too few socket activated files passed in by systemd for "
                        + h.spec());
            } else if (!out.contains(h.port())) {
                out.add(h.port());
            }
        }
        return out;
    }

    /**
     * @param pid the process holding the descriptor (berthd)
     * @param fd its number there
     * @return a new descriptor in this process for the same socket (close-on-exec)
     * @throws IOException with the errno if the process or the descriptor is gone or access is refused
     */
    public static int copyFrom(long pid, int fd) throws IOException {
        int pidfd;
        try {
            pidfd = (int) C.INSTANCE.syscall(SYS_PIDFD_OPEN, (int) pid, 0);
        } catch (LastErrorException e) {
            throw new IOException("pidfd_open " + pid + ": errno " + e.getErrorCode(), e);
        }
        try {
            return (int) C.INSTANCE.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0);
        } catch (LastErrorException e) {
            throw new IOException("pidfd_getfd " + pid + " fd " + fd + ": errno " + e.getErrorCode(), e);
        } finally {
            C.INSTANCE.close(pidfd);
        }
    }

    /**
     * Makes a passed socket non-blocking. systemd (and a test's launcher) pass blocking sockets, but an epoll
     * acceptor calls accept(2) until EAGAIN: on a blocking socket the last call would block the event loop thread,
     * and with it every connection on that loop. O_NONBLOCK belongs to the open file description, so berthd's
     * copy (which berthd never reads) changes too.
     *
     * @param fd a descriptor of this process
     * @throws IOException with the errno if fcntl(2) fails
     */
    public static void setNonBlocking(int fd) throws IOException {
        try {
            int flags = C.INSTANCE.fcntl(fd, F_GETFL, 0);
            if ((flags & O_NONBLOCK) == 0) {
                C.INSTANCE.fcntl(fd, F_SETFL, flags | O_NONBLOCK);
            }
        } catch (LastErrorException e) {
            throw new IOException("fcntl fd " + fd + ": errno " + e.getErrorCode(), e);
        }
    }

    /**
     * @param fd a socket descriptor of this process
     * @return its address family ({@link #AF_UNIX}, {@link #AF_INET}, {@link #AF_INET6})
     * @throws IOException if it is not a socket
     */
    public static int family(int fd) throws IOException {
        byte[] addr = new byte[128];
        IntByReference len = new IntByReference(addr.length);
        try {
            C.INSTANCE.getsockname(fd, addr, len);
        } catch (LastErrorException e) {
            throw new IOException("getsockname fd " + fd + ": errno " + e.getErrorCode(), e);
        }
        return (addr[0] & 0xff) | (addr[1] & 0xff) << 8;
    }
}
