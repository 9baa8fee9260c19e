package io.berth.gateway.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every accepted connection, and nothing else: the {@link HeaderTimeout}, {@code HttpServerCodec} (HTTP/1.1, chunked
 * requests and responses; request line and headers up to Go's 1 MiB limit, {@link GoHttpErrors}), then a {@link DispatchHandler}. A hijack later replaces both with a raw handler.
 */
@Singleton
@ChannelHandler.Sharable
public final class GatewayChannelInitializer extends ChannelInitializer<Channel> {
    /** Pipeline name of the request-header deadline in front of the codec. */
    public static final String HEADER_TIMEOUT = "header-timeout";
    /** Pipeline name of the HTTP codec. */
    public static final String CODEC = "http-codec";
    /** Pipeline name of the dispatcher. */
    public static final String DISPATCH = "dispatch";
    /** Pipeline name of the raw-stream handler of a hijacked connection. */
    public static final String RAW = "raw-stream";

    private final RouteTable routes;
    private final Executor workers;
    private final long headerTimeoutNanos;
    private RequestTimings timings = RequestTimings.NONE;

    /**
     * @param routes the route table
     * @param workers where handlers run
     * @param timings where each request's duration goes (the monitor's latency histograms)
     */
    @Inject
    public GatewayChannelInitializer(RouteTable routes, WorkerPool workers, RequestTimings timings) {
        this(routes, (Executor) workers);
        this.timings = timings;
    }

    /**
     * @param routes the route table
     * @param workers where handlers run (tests: a direct executor)
     */
    public GatewayChannelInitializer(RouteTable routes, Executor workers) {
        this(routes, workers, TimeUnit.SECONDS.toNanos(HeaderTimeout.DEFAULT_SECONDS));
    }

    /**
     * @param routes the route table
     * @param workers where handlers run
     * @param headerTimeoutNanos the deadline for a request's headers ({@link HeaderTimeout})
     */
    public GatewayChannelInitializer(RouteTable routes, Executor workers, long headerTimeoutNanos) {
        this.routes = routes;
        this.workers = workers;
        this.headerTimeoutNanos = headerTimeoutNanos;
    }

    @Override
    protected void initChannel(Channel ch) {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(GoHttpErrors.MAX_HEADER_BYTES)
                .setMaxHeaderSize(GoHttpErrors.MAX_HEADER_BYTES)
                .setMaxChunkSize(64 * 1024);
        ch.pipeline().addLast(HEADER_TIMEOUT, new HeaderTimeout(headerTimeoutNanos));
        ch.pipeline().addLast(CODEC, new HttpServerCodec(config));
        ch.pipeline().addLast(DISPATCH, new DispatchHandler(routes, workers, timings));
    }
}
