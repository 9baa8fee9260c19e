package io.berth.gateway.http;

import io.berth.common.net.HostAddress;
import io.berth.gateway.tls.TlsOnlyHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
 * socket and one {@link EpollServerSocketChannel} per {@code -H tcp://} address (TLS-only when TLS is on), all
 * sharing one event loop group. A stale socket file is replaced; the socket is made mode 0660
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
     * Binds every listener. On failure the ones bound so far are closed again.
     *
     * @param paths the unix socket paths; parent directories are created
     * @throws UncheckedIOException if a socket cannot be bound
     */
    public synchronized void start(List<Path> paths) {
        start(paths.stream().map(p -> HostAddress.parse("unix://" + p.toAbsolutePath())).toList(), null);
    }

    /**
     * Binds every listener: unix sockets (mode 0660 after bind, a stale file replaced) and TCP addresses, the
     * latter through TLS when {@code tls} is given ({@link TlsOnlyHandler}). On failure the listeners bound so
     * far are closed again.
     *
     * @param hosts the {@code -H} addresses (unix or tcp)
     * @param tls the server context for the TCP listeners, or null for plain TCP
     * @throws UncheckedIOException if an address cannot be bound ("cannot listen on tcp://...: Address already
     *     in use")
     */
    public synchronized void start(List<HostAddress> hosts, SslContext tls) {
        Epoll.ensureAvailability();
        group = new MultiThreadIoEventLoopGroup(0, EpollIoHandler.newFactory());
        try {
            for (HostAddress h : hosts) {
                if (h.isUnix()) {
                    bind(h.path().toAbsolutePath());
                } else if (h.isTcp()) {
                    bindTcp(h, tls);
                } else {
                    throw new IllegalArgumentException("cannot serve " + h.spec() + " here");
                }
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

    private void bindTcp(HostAddress address, SslContext tls) {
        ChannelInitializer<Channel> child = tls == null ? initializer : new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(TlsOnlyHandler.NAME, new TlsOnlyHandler(tls));
                ch.pipeline().addLast(initializer);
            }
        };
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(child)
                    .bind(new InetSocketAddress(address.host(), address.port()))
                    .sync().channel();
            listeners.add(ch);
            String scheme = tls == null ? "http" : "https";
            LOG.info("Docker Engine API listening on tcp://{} ({})", ch.localAddress(), scheme);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + address, e);
        } catch (Exception e) {
            throw new UncheckedIOException("cannot listen on " + address.spec() + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** @return the bound TCP addresses (the real port when 0 was asked for) */
    public synchronized List<InetSocketAddress> tcpAddresses() {
        return listeners.stream().map(Channel::localAddress).filter(a -> a instanceof InetSocketAddress)
                .map(a -> (InetSocketAddress) a).toList();
    }

    /**
     * Makes a served unix socket mode 0600 (the owner, root, alone), for the socket only berthd uses.
     *
     * @param socket a socket this server bound
     * @throws UncheckedIOException if its mode cannot be changed
     */
    public synchronized void restrictToOwner(Path socket) {
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + socket + ": " + e.getMessage(), e);
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
