package io.berth.gateway.http;

import io.berth.common.net.HostAddress;
import io.berth.common.net.PrivateSockets;
import io.berth.gateway.tls.TlsOnlyHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.berth.common.net.InheritedSockets;
import io.berth.common.sys.Sys;
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
    private long fdPid;
    private java.nio.file.attribute.GroupPrincipal socketGroup;

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
     * Chooses the group of the {@code -H} unix sockets (dockerd's {@code --group}, before {@link #start}): with
     * the default, {@code docker}, the group owns the sockets only when it exists (else they stay root's, as
     * dockerd); a group named explicitly must exist; an empty name keeps them root's.
     *
     * @param name the group name
     * @param explicit whether the name was given on the command line
     * @throws io.berth.common.errors.InvalidArgumentException "group x not found" for a missing explicit group
     */
    public synchronized void socketGroup(String name, boolean explicit) {
        if (name == null || name.isEmpty()) {
            socketGroup = null;
            return;
        }
        try {
            socketGroup = java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(name);
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            if (explicit) {
                throw new io.berth.common.errors.InvalidArgumentException("group " + name + " not found");
            }
            LOG.debug("group {} not found: the unix sockets stay root's", name);
            socketGroup = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                } else if (h.isFd()) {
                    serveInherited(h, tls);
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
            if (socketGroup != null) {
                Files.getFileAttributeView(socket, java.nio.file.attribute.PosixFileAttributeView.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).setGroup(socketGroup);
            }
            LOG.info("Docker Engine API listening on unix://{}", socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + socket, e);
        }
    }

    /**
     * @param pid the process that holds the {@code -H fd://N} sockets (berthd), 0 if none
     */
    public synchronized void inheritFrom(long pid) {
        this.fdPid = pid;
    }

    /**
     * Serves a socket systemd passed to berthd ({@code fd://N}, already bound and listening): copied out of berthd
     * ({@link InheritedSockets#copyFrom}), made non-blocking, and registered as a Netty server channel on that
     * descriptor, unix or TCP by its address family (TCP through TLS when {@code tls} is given).
     *
     * <p>Two traps, both of which made a request through a passed socket hang: Netty's
     * {@code EpollServerDomainSocketChannel(int fd)} makes an <em>inactive</em> channel (its TCP sibling asks the
     * socket), so registering it never fires channelActive, never starts reading, and no connection is ever
     * accepted: use the {@code (fd, true)} constructor. And a passed socket is blocking: the acceptor reads until
     * EAGAIN, so the last accept(2) would block the event loop ({@link InheritedSockets#setNonBlocking}).
     */
    private void serveInherited(HostAddress h, SslContext tls) {
        try {
            if (fdPid <= 0) {
                throw new IOException("no --fd-pid to copy it from");
            }
            int fd = InheritedSockets.copyFrom(fdPid, h.port());
            String kind;
            ServerBootstrap b = new ServerBootstrap().group(group);
            try {
                InheritedSockets.setNonBlocking(fd);
                int family = InheritedSockets.family(fd);
                if (family == InheritedSockets.AF_UNIX) {
                    kind = "unix";
                    b.channelFactory(() -> new EpollServerDomainSocketChannel(fd, true)).childHandler(initializer);
                } else if (family == InheritedSockets.AF_INET || family == InheritedSockets.AF_INET6) {
                    kind = tls == null ? "tcp, http" : "tcp, https";
                    b.channelFactory(() -> new EpollServerSocketChannel(fd))
                            .childOption(ChannelOption.TCP_NODELAY, true).childHandler(tcpChild(tls));
                } else {
                    throw new IOException("address family " + family + " is neither unix nor TCP");
                }
            } catch (IOException e) {
                Sys.close(fd);
                throw e;
            }
            Channel ch = b.register().sync().channel();
            if (!ch.isActive()) {
                ch.close();
                throw new IOException("the passed socket is not listening");
            }
            listeners.add(ch);
            LOG.info("Docker Engine API listening on {} (socket activation: {}{})", h.spec(), kind,
                    ch.localAddress() == null ? "" : " " + ch.localAddress());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while serving " + h.spec(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + h.spec() + ": " + e.getMessage(), e);
        }
    }

    private ChannelInitializer<Channel> tcpChild(SslContext tls) {
        return tls == null ? initializer : new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(TlsOnlyHandler.NAME, new TlsOnlyHandler(tls));
                ch.pipeline().addLast(initializer);
            }
        };
    }

    private void bindTcp(HostAddress address, SslContext tls) {
        ChannelInitializer<Channel> child = tcpChild(tls);
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
     * Binds a unix socket only root may connect to, mode 0600 from the moment it exists ({@link PrivateSockets}):
     * berthd's own way into the API ({@code <exec-root>/gateway.sock}). Call after {@link #start}.
     *
     * @param socket the path
     * @throws UncheckedIOException if it cannot be bound
     */
    public synchronized void startPrivate(Path socket) {
        Channel ch = PrivateSockets.bind(socket, path -> {
            try {
                return new ServerBootstrap()
                        .group(group)
                        .channel(EpollServerDomainSocketChannel.class)
                        .childHandler(initializer)
                        .bind(new DomainSocketAddress(path.toString()))
                        .sync().channel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while binding " + socket, e);
            }
        });
        listeners.add(ch);
        sockets.add(socket);
        LOG.info("Docker Engine API for berthd on unix://{} (mode 0600)", socket);
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
