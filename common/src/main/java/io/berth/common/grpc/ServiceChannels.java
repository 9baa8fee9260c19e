package io.berth.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * gRPC client channels to another berth service at a {@link ServiceAddress}: a unix socket
 * ({@link UnixChannels}) or {@code tcp://host:port} with mutual TLS ({@link ServiceTls} from the system
 * properties berthd sets from {@code --service-tlscacert/--service-tlscert/--service-tlskey}). Both carry the
 * request ID and default deadlines ({@link OutgoingCallInterceptor}) and reconnect quickly
 * ({@link QuickReconnect}).
 */
public final class ServiceChannels {
    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    }

    private ServiceChannels() {
    }

    /**
     * @param address {@code /path/to.sock}, {@code unix:///path} or {@code tcp://host:port}
     * @param service the service's name for messages ({@code storage-service})
     * @return a channel; the caller shuts it down
     * @throws IllegalArgumentException for a malformed address, or a TCP one without the TLS settings
     */
    public static ManagedChannel connect(String address, String service) {
        ServiceAddress a = ServiceAddress.parse(address);
        if (!a.isTcp()) {
            return UnixChannels.connect(a.socket());
        }
        ServiceTls tls = ServiceTls.fromSystemProperties();
        if (tls == null) {
            throw new IllegalArgumentException(service + " at " + a + " needs mutual TLS: set "
                    + "--service-tlscacert, --service-tlscert and --service-tlskey");
        }
        return QuickReconnect.watch(NettyChannelBuilder.forAddress(a.host(), a.port())
                .channelType(EpollSocketChannel.class)
                .eventLoopGroup(Holder.GROUP)
                .sslContext(tls.clientContext())
                .maxInboundMessageSize(64 * 1024 * 1024)
                .maxInboundMetadataSize(256 * 1024)
                .intercept(new OutgoingCallInterceptor(service))
                .build());
    }
}
