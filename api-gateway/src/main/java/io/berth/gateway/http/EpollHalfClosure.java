package io.berth.gateway.http;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollIoOps;
import java.lang.reflect.Method;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps a half-closed epoll connection writable (a workaround for Netty 4.2.18's epoll transport, the newest
 * whose native jar is available).
 *
 * <p>When the client half-closes a hijacked attach connection (the docker CLI always does: {@code CloseWrite}
 * right after the 101 when it has no stdin to send), Netty clears EPOLLIN and EPOLLRDHUP; with nothing left in
 * the interest set its {@code EpollIoHandler} removes the fd from epoll ({@code EPOLL_CTL_DEL}) but keeps the
 * registration marked "added". The next time the socket buffer fills up (a client reading slower than the
 * container writes), Netty asks for EPOLLOUT with {@code EPOLL_CTL_MOD}, which fails with ENOENT; Netty then
 * shuts the output down and the rest of the container's output is lost.
 *
 * <p>Adding EPOLLET to the channel's interest set when the input shuts down keeps the set non-empty: the fd
 * stays registered (with no read interest left, edge-triggering changes nothing for reads, and Netty always
 * writes until EAGAIN before waiting for EPOLLOUT). Must run on the channel's event loop, which is where the
 * {@code ChannelInputShutdownEvent} that triggers it is delivered.
 */
final class EpollHalfClosure {
    private static final Logger LOG = LogManager.getLogger(EpollHalfClosure.class);
    private static final Method SET_FLAG = findSetFlag();

    private EpollHalfClosure() {
    }

    /**
     * Keeps an epoll channel registered after its input was shut down; a no-op for other transports.
     *
     * @param channel the connection (called on its event loop)
     * @return true if the workaround was applied
     */
    static boolean keepRegistered(Channel channel) {
        if (SET_FLAG == null || !SET_FLAG.getDeclaringClass().isInstance(channel)) {
            return false;
        }
        try {
            SET_FLAG.invoke(channel, EpollIoOps.EPOLLET.value());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot keep {} registered with epoll: {}", channel, e.toString());
            return false;
        }
    }

    private static Method findSetFlag() {
        try {
            Class<?> c = Class.forName("io.netty.channel.epoll.AbstractEpollChannel");
            Method m = c.getDeclaredMethod("setFlag", int.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("epoll half-closure workaround unavailable: {}", e.toString());
            return null;
        }
    }
}
