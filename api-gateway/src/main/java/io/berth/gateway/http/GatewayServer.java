package io.berth.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Docker Engine API listeners: one epoll {@link EpollServerDomainSocketChannel} per {@code -H unix://}
 * socket, all sharing one event loop group. A stale socket file is replaced; the socket is made mode 0660
 * after bind (as dockerd); {@link #close} stops listening and removes the socket files.
 */
@Singleton
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(GatewayServer.class);

    private final GatewayChannelInitializer initializer;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<Path> sockets = new ArrayList<>();
    private EventLoopGroup group;

    /** @param initializer the pipeline of accepted connections */
    @Inject
    public GatewayServer(GatewayChannelInitializer initializer) {
        this.initializer = initializer;
    }

    /**
     * Binds every socket. On failure the sockets bound so far are closed again.
     *
     * @param paths the unix socket paths; parent directories are created
     * @throws UncheckedIOException if a socket cannot be bound
     */
    public synchronized void start(List<Path> paths) {
        Epoll.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(0, EpollIoHandler.newFactory());
        try {
            for (Path p : paths) {
                bind(p.toAbsolutePath());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void bind(Path socket) {
        try {
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket);
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerDomainSocketChannel.class)
                    .childHandler(initializer)
                    .bind(new DomainSocketAddress(socket.toString()))
                    .sync().channel();
            listeners.add(ch);
            sockets.add(socket);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            LOG.info("Docker Engine API listening on unix://{}", socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + socket, e);
        }
    }

    /** @return the socket paths being served */
    public synchronized List<Path> sockets() {
        return List.copyOf(sockets);
    }

    /** Closes the listeners and open connections, and removes the socket files. */
    @Override
    public synchronized void close() {
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        listeners.clear();
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            group = null;
        }
        for (Path p : sockets) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", p, e.toString());
            }
        }
        sockets.clear();
    }
}
