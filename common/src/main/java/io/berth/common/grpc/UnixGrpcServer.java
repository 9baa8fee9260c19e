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
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * must name root or this process's uid ({@link PeerCredentialsCheck}), whatever the file's mode.
 */
public final class UnixGrpcServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(UnixGrpcServer.class);

    private final Path socket;
    private final Server server;
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
            return new UnixGrpcServer(socket, server, group, health);
        } catch (UncheckedIOException e) {
            group.shutdownGracefully();
            throw new UncheckedIOException("cannot serve gRPC on " + socket, e.getCause());
        }
    }

    private static Server buildServer(Path path, EventLoopGroup group, HealthStatusManager health,
                                      List<BindableService> services) {
        PeerCredentialsCheck peers = PeerCredentialsCheck.forThisProcess();
        NettyServerBuilder b = NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()))
                .channelFactory(peers.channelFactory())
                // applies to every service, health and reflection included
                .intercept(peers.interceptor())
                .bossEventLoopGroup(group).workerEventLoopGroup(group)
                .maxInboundMessageSize(64 * 1024 * 1024)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance());
        ExceptionMappingInterceptor errors = new ExceptionMappingInterceptor();
        IncomingCallInterceptor incoming = new IncomingCallInterceptor();
        for (BindableService s : services) {
            // the last interceptor runs first: the request ID is set before errors are mapped and logged
            b.addService(ServerInterceptors.intercept(s, errors, incoming));
        }
        return b.build();
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
