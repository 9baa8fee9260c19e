package io.berth.engine.network.dns;

import com.sun.jna.LastErrorException;
import io.berth.common.errors.InternalException;
import io.berth.common.sys.LibC;
import io.berth.common.sys.Sys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code that creates sockets inside another network namespace: on a new platform thread (one OS thread)
 * that setns(2)es into the namespace file (a bind-mounted nsfs file, {@code <exec-root>/netns/<id>}), runs the
 * code, and ends. Sockets made there stay in that namespace (Linux: a socket's namespace is fixed at creation).
 * The thread never returns to a pool, so no other work ever runs in the container's namespace. Needs
 * CAP_SYS_ADMIN (root).
 */
public final class NetnsSockets {
    private NetnsSockets() {
    }

    /**
     * @param netns the namespace file
     * @param open what creates the sockets
     * @param <T> its result
     * @return its result
     * @throws InternalException if the namespace cannot be entered or {@code open} fails (its message included)
     */
    public static <T> T inNamespace(Path netns, Callable<T> open) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread t = new Thread(() -> {
            int fd = -1;
            try {
                fd = LibC.INSTANCE.openat(LibC.AT_FDCWD, Sys.cPath(netns), LibC.O_RDONLY
                        | (int) LibC.O_CLOEXEC, 0);
                LibC.INSTANCE.setns(fd, LibC.CLONE_NEWNET);
                result.set(open.call());
            } catch (LastErrorException e) {
                error.set(new InternalException("cannot enter the network namespace " + netns + ": errno "
                        + e.getErrorCode()));
            } catch (Throwable e) {
                error.set(e);
            } finally {
                if (fd >= 0) {
                    Sys.close(fd);
                }
            }
        }, "netns-sockets");
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InternalException("interrupted while opening sockets in " + netns);
        }
        Throwable e = error.get();
        if (e instanceof InternalException ie) {
            throw ie;
        }
        if (e != null) {
            throw new InternalException("cannot open sockets in the network namespace " + netns + ": " + e);
        }
        return result.get();
    }
}
