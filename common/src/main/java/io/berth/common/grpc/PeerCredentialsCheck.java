package io.berth.common.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Who may call a service on its unix socket (issue 13, "Between the services"): only root and the uid the
 * service runs as (berthd's, whose processes the services are), checked with the kernel's SO_PEERCRED of each
 * connection, so a socket file whose mode were opened up still refuses everyone else. A refused caller's
 * calls end with PERMISSION_DENIED "permission denied: uid N (pid P) may not call berth's services".
 *
 * <p>The hook, since gRPC-Java offers none for a connection's credentials: the server channel comes from
 * {@link #channelFactory()}, whose pipeline gets a handler in front of Netty's acceptor that reads each
 * accepted connection's {@link EpollDomainSocketChannel#peerCredentials()} and files them under the
 * connection's local-address object (a fresh object per accepted connection, the same one gRPC puts into the
 * call's {@link Grpc#TRANSPORT_ATTR_LOCAL_ADDR}); {@link #interceptor()} looks them up by identity for every
 * call. A connection whose credentials cannot be read is refused.
 */
public final class PeerCredentialsCheck {
    private static final Logger LOG = LogManager.getLogger(PeerCredentialsCheck.class);

    private final int ownUid;
    private final Map<SocketAddress, PeerCredentials> peers = Collections.synchronizedMap(new IdentityHashMap<>());

    /** @param ownUid the uid allowed besides root (the service's own) */
    PeerCredentialsCheck(int ownUid) {
        this.ownUid = ownUid;
    }

    /** @return a check allowing root and this process's uid */
    public static PeerCredentialsCheck forThisProcess() {
        return new PeerCredentialsCheck(currentUid());
    }

    /** @return this process's real uid (from {@code /proc/self}) */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read this process's uid: " + e.getMessage(), e);
        }
    }

    /**
     * @param uid a caller's uid
     * @return true if it may call
     */
    boolean allowed(int uid) {
        return uid == 0 || uid == ownUid;
    }

    /** @return the server channel factory for {@code NettyServerBuilder.channelFactory} */
    public ChannelFactory<EpollServerDomainSocketChannel> channelFactory() {
        return () -> {
            EpollServerDomainSocketChannel server = new EpollServerDomainSocketChannel();
            server.pipeline().addLast(new Recorder());
            return server;
        };
    }

    /** @return the interceptor refusing calls of other users; goes first ({@code ServerBuilder.intercept}) */
    public ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                SocketAddress local = call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
                PeerCredentials peer = local == null ? null : peers.get(local);
                if (peer != null && allowed(peer.uid())) {
                    return next.startCall(call, headers);
                }
                String who = peer == null ? "a caller whose credentials are unknown"
                        : "uid " + peer.uid() + " (pid " + peer.pid() + ")";
                LOG.warn("refused {} from {}", call.getMethodDescriptor().getFullMethodName(), who);
                call.close(Status.PERMISSION_DENIED.withDescription("permission denied: " + who
                        + " may not call berth's services"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
        };
    }

    /** Reads each accepted connection's SO_PEERCRED (on the server channel's event loop). */
    @ChannelHandler.Sharable
    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof EpollDomainSocketChannel child) {
                SocketAddress local = child.localAddress();
                if (local != null) {
                    try {
                        peers.put(local, child.peerCredentials());
                        child.closeFuture().addListener(f -> peers.remove(local));
                    } catch (IOException e) {
                        LOG.warn("cannot read the credentials of a caller: {}", e.toString());
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
