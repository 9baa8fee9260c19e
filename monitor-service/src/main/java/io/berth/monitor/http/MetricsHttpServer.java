package io.berth.monitor.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The monitor's plain-HTTP listener on {@code --metrics-addr}: one port for the page, its live updates,
 * {@code /metrics} and cAdvisor's {@code /api/v1.3} (routes in {@link ViewHandler}). Netty on one event-loop
 * thread; requests are small GETs (bodies over 64 KiB are refused by the aggregator with 413).
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MetricsHttpServer.class);

    private final EventLoopGroup group;
    private final Channel channel;

    private MetricsHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * @param address where to listen
     * @param routes the request handler's routes
     * @return the bound server
     * @throws UncheckedIOException "cannot listen on metrics address ...: ..." if it cannot be bound
     */
    public static MetricsHttpServer start(InetSocketAddress address, ViewRoutes routes) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new ViewHandler(routes));
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
            LOG.info("metrics view listening on http://{}:{}/ (/metrics, /api/v1.3)",
                    address.getHostString(), ((InetSocketAddress) ch.localAddress()).getPort());
            return new MetricsHttpServer(group, ch);
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            group.shutdownGracefully();
            throw new UncheckedIOException("cannot listen on metrics address " + address + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** @return the bound address (the real port when 0 was asked for) */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Closes the listener and every open connection (live-update streams included). */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
