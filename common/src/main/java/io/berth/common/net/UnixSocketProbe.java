package io.berth.common.net;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Whether a process listens on a unix socket yet, with the JDK alone (no gRPC or Netty classes loaded): a
 * {@code connect(2)} that succeeds means the socket is bound and listening. A berth service binds its gRPC
 * socket only once every one of its services is registered and serving (common's {@code grpc/UnixGrpcServer}),
 * so an accepted connection is the same readiness a gRPC health check reports, for a few microseconds of
 * work instead of a gRPC client's start-up.
 */
public final class UnixSocketProbe {
    /** Pause between two attempts while waiting: short, since an attempt costs one failed syscall. */
    public static final Duration RETRY = Duration.ofMillis(10);

    private UnixSocketProbe() {
    }

    /**
     * @param socket a unix socket path
     * @return true if a connection to it is accepted (it is closed at once)
     */
    public static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until every socket answers, trying each every {@link #RETRY}.
     *
     * @param sockets the sockets
     * @param timeout how long to wait at most
     * @return true if all answered within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitAll(List<Path> sockets, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Path s : sockets) {
            while (!answers(s)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(RETRY.toMillis());
            }
        }
        return true;
    }
}
