package io.berth.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;

/**
 * gRPC client channels to another berth service on a unix socket (epoll). One shared event loop group
 * serves every channel of the process.
 */
public final class UnixChannels {
    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    }

    private UnixChannels() {
    }

    /**
     * Opens a plaintext channel to {@code socket}. The connection is made lazily on the first call and
     * re-made within {@value QuickReconnect#RETRY_MILLIS} ms of the peer's return ({@link QuickReconnect}).
     * Every call carries the request ID and its default deadline ({@link OutgoingCallInterceptor}).
     *
     * @param socket path of the peer's unix socket
     * @return a channel; the caller shuts it down
     */
    public static ManagedChannel connect(Path socket) {
        return QuickReconnect.watch(NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class)
                .eventLoopGroup(Holder.GROUP)
                .maxInboundMessageSize(64 * 1024 * 1024)
                // trailers carry error texts; a peer's unbounded one must still arrive as its status
                .maxInboundMetadataSize(256 * 1024)
                .intercept(new OutgoingCallInterceptor(serviceName(socket)))
                .usePlaintext()
                .build());
    }

    /**
     * @param socket a service's socket, {@code <exec-root>/engine.sock}
     * @return the service's name for messages, {@code engine-service}
     */
    static String serviceName(Path socket) {
        String f = socket.getFileName().toString();
        return (f.endsWith(".sock") ? f.substring(0, f.length() - 5) : f) + "-service";
    }
}
