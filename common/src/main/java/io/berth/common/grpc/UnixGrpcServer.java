package io.berth.common.grpc;

import io.berth.common.net.PrivateSockets;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A gRPC server on a unix socket (epoll), with gRPC's standard health service ({@code grpc.health.v1})
 * and server reflection ({@code grpc.reflection.v1}) next to berth's own services. Every service gets
 * the {@link ExceptionMappingInterceptor} and the {@link IncomingCallInterceptor} (request ID, call log). The socket file is mode 0600 from the moment it exists
 * ({@link PrivateSockets}: only root may connect) and is removed on close; and each connection's SO_PEERCRED
 * must name root or this process's uid ({@link PeerCredentialsCheck}), whatever the file's mode. With
 * {@code -D}{@value #LISTEN_PROPERTY}{@code =tcp://host:port} the same services are also served on TCP with
 * mutual TLS ({@link ServiceTls}: a client certificate of the CA required, names checked), for a service
 * used by a berthd on another host ({@code berthd --storage-addr tcp://...}).
 */
public final class UnixGrpcServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(UnixGrpcServer.class);

    /** System property: also serve on this {@code tcp://host:port}, with mutual TLS ({@link ServiceTls}). */
    public static final String LISTEN_PROPERTY = "berth.grpc.listen";

    private final Path socket;
    private final Server server;
    private Server tcp;
    private final EventLoopGroup group;
    private final HealthStatusManager health;

    private UnixGrpcServer(Path socket, Server server, EventLoopGroup group, HealthStatusManager health) {
        this.socket = socket;
        this.server = server;
        this.group = group;
        this.health = health;
    }

    /**
     * Binds the socket (replacing a stale socket file) and starts serving.
     *
     * @param socket path of the unix socket; its parent directory is created
     * @param services berth's services to serve
     * @return the running server
     * @throws UncheckedIOException if the socket cannot be bound
     */
    public static UnixGrpcServer start(Path socket, List<BindableService> services) {
        Epoll.ensureAvailability();
        try {
            Files.createDirectories(socket.toAbsolutePath().getParent());
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        HealthStatusManager health = new HealthStatusManager();
        List<BindableService> own = services;
        try {
            Server server = PrivateSockets.bind(socket, path -> buildServer(path, group, health, own).start());
            for (BindableService s : services) {
                health.setStatus(s.bindService().getServiceDescriptor().getName(),
                        io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            }
            LOG.info("gRPC serving on unix://{}", socket);
            UnixGrpcServer result = new UnixGrpcServer(socket, server, group, health);
            String listen = System.getProperty(LISTEN_PROPERTY, "");
            if (!listen.isBlank()) {
                try {
                    result.tcp = startTcp(ServiceAddress.parse(listen), group, health, own);
                } catch (RuntimeException | IOException e) {
                    result.close();
                    throw new UncheckedIOException("cannot serve gRPC on " + listen + ": " + e.getMessage(),
                            e instanceof IOException io ? io : new IOException(e));
                }
            }
            return result;
        } catch (UncheckedIOException e) {
            group.shutdownGracefully();
            throw new UncheckedIOException("cannot serve gRPC on " + socket, e.getCause());
        }
    }

    private static Server startTcp(ServiceAddress address, EventLoopGroup group, HealthStatusManager health,
                                   List<BindableService> services) throws IOException {
        if (!address.isTcp()) {
            throw new IllegalArgumentException(LISTEN_PROPERTY + " must be tcp://host:port, not " + address);
        }
        ServiceTls tls = ServiceTls.fromSystemProperties();
        if (tls == null) {
            throw new IllegalArgumentException("serving on " + address + " needs mutual TLS: set -D"
                    + ServiceTls.CA_PROPERTY + ", -D" + ServiceTls.CERT_PROPERTY + " and -D" + ServiceTls.KEY_PROPERTY);
        }
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(address.host(), address.port()))
                .channelType(EpollServerSocketChannel.class)
                .sslContext(tls.serverContext())
                .intercept(tls.peerNameCheck());
        Server s = withServices(b, group, health, services).build().start();
        LOG.info("gRPC serving on {} (mutual TLS{})", address, tls.allowedPeers().isEmpty() ? ""
                : ", peers " + tls.allowedPeers());
        return s;
    }

    private static Server buildServer(Path path, EventLoopGroup group, HealthStatusManager health,
                                      List<BindableService> services) {
        PeerCredentialsCheck peers = PeerCredentialsCheck.forThisProcess();
        NettyServerBuilder b = NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()))
                .channelFactory(peers.channelFactory())
                // applies to every service, health and reflection included
                .intercept(peers.interceptor());
        return withServices(b, group, health, services).build();
    }

    private static NettyServerBuilder withServices(NettyServerBuilder b, EventLoopGroup group,
                                                   HealthStatusManager health, List<BindableService> services) {
        b.bossEventLoopGroup(group).workerEventLoopGroup(group)
                .maxInboundMessageSize(64 * 1024 * 1024)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance());
        ExceptionMappingInterceptor errors = new ExceptionMappingInterceptor();
        IncomingCallInterceptor incoming = new IncomingCallInterceptor();
        for (BindableService s : services) {
            // the last interceptor runs first: the request ID is set before errors are mapped and logged
            b.addService(ServerInterceptors.intercept(s, errors, incoming));
        }
        return b;
    }

    /** @return the socket path */
    public Path socket() {
        return socket;
    }

    /** Blocks until the server terminates. @throws InterruptedException if interrupted */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops accepting calls, gives running calls up to 2 s, and removes the socket file. */
    @Override
    public void close() {
        health.enterTerminalState();
        if (tcp != null) {
            tcp.shutdownNow();
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", socket, e.toString());
        }
    }
}
