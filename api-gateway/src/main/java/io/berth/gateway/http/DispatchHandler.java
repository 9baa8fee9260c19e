package io.berth.gateway.http;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.UnavailableException;
import io.berth.common.grpc.RequestIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Per-connection request dispatch after {@code HttpServerCodec}: strips and checks the {@code /vX.Y} prefix
 * ({@link ApiVersion}), matches the route ({@link RouteTable}; none: 404 "page not found"), collects small
 * bodies or streams large ones ({@link BodyMode}), and runs the handler on a worker thread, never on the event
 * loop. One request per connection is in flight at a time: reading pauses while a handler answers and
 * pipelined requests wait in order. Everything here runs on the connection's event loop. Each request gets a
 * {@link RequestLog} (its request ID, in the worker's Log4j2 ThreadContext while the handler runs, so every
 * gRPC call it makes carries the ID).
 */
public final class DispatchHandler extends ChannelInboundHandlerAdapter {
    /** The largest body collected for an {@link BodyMode#AGGREGATE} route, in bytes (create bodies are ~2 KB). */
    public static final int MAX_AGGREGATED_BODY = 16 * 1024 * 1024;

    private static final Logger LOG = LogManager.getLogger(DispatchHandler.class);

    private final RouteTable routes;
    private final Executor workers;
    private final RequestTimings timings;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private InFlight current;
    private boolean removed;

    /**
     * @param routes the route table
     * @param workers where handlers run
     */
    public DispatchHandler(RouteTable routes, Executor workers) {
        this(routes, workers, RequestTimings.NONE);
    }

    /**
     * @param routes the route table
     * @param workers where handlers run
     * @param timings gets each routed request's method, route template and duration once its response ends
     */
    public DispatchHandler(RouteTable routes, Executor workers, RequestTimings timings) {
        this.routes = routes;
        this.workers = workers;
        this.timings = timings;
    }

    /** The request being served on this connection. */
    private final class InFlight {
        final HttpRequest request;
        final NettyExchange exchange;
        final long startNanos = System.nanoTime();
        RouteTable.Match match;
        ApiVersion version;
        CompositeByteBuf aggregate;
        RequestBodyStream stream;
        boolean discardBody;
        boolean requestDone;
        boolean responseDone;

        InFlight(HttpRequest request) {
            this.request = request;
            this.exchange = new NettyExchange(ctx.channel(), HttpUtil.isKeepAlive(request), this::onResponseDone,
                    new RequestLog(request.method().name(), request.uri()));
        }

        void onResponseDone() {
            responseDone = true;
            maybeFinish();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        removed = true;
        releaseAggregate();
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (current != null && current.requestDone || !pending.isEmpty()) {
            pending.add(msg);
            updateAutoRead();
            return;
        }
        try {
            handle(msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest req) {
            startRequest(req);
        }
        if (msg instanceof HttpContent c && current != null && !current.requestDone) {
            onContent(c);
        }
        updateAutoRead();
    }

    private void startRequest(HttpRequest req) {
        InFlight f = new InFlight(req);
        current = f;
        HeaderTimeout deadline = ctx.pipeline().get(HeaderTimeout.class);
        if (deadline != null) {
            deadline.headersReceived();
        }
        Optional<ByteBuf> refused = GoHttpErrors.check(req);
        if (refused.isPresent()) {
            LOG.debug("refused {} {}: {} id={}", req.method(), req.uri(), req.decoderResult().isFailure()
                    ? req.decoderResult().cause().toString() : "protocol check", f.exchange.log().id());
            f.exchange.log().status(400);
            f.exchange.log().done();
            // written past the codec: Go writes these bytes itself, with no Content-Length
            ctx.pipeline().context(GatewayChannelInitializer.CODEC).writeAndFlush(refused.get())
                    .addListener(x -> ctx.close());
            f.discardBody = true;
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        try {
            f.version = ApiVersion.strip(uri.path());
        } catch (UnsupportedApiVersionException e) {
            earlyAnswer(f, ErrorResponses.of(e));
            return;
        }
        Optional<RouteTable.Match> match = routes.match(req.method(), f.version.path());
        if (match.isEmpty()) {
            earlyAnswer(f, ErrorResponses.pageNotFound());
            return;
        }
        f.match = match.get();
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        if (f.match.route().bodyMode() == BodyMode.STREAM) {
            f.stream = new RequestBodyStream(() -> ctx.executor().execute(this::updateAutoRead));
            dispatch(f, new byte[0], uri);
        } else {
            f.aggregate = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
    }

    private void onContent(HttpContent c) {
        InFlight f = current;
        if (f.discardBody) {
            // dropped
        } else if (f.aggregate != null) {
            if (f.aggregate.readableBytes() + c.content().readableBytes() > MAX_AGGREGATED_BODY) {
                releaseAggregate();
                earlyAnswer(f, ErrorResponses.of(new InvalidArgumentException(
                        "request body larger than " + MAX_AGGREGATED_BODY + " bytes")));
            } else {
                f.aggregate.addComponent(true, c.content().retain());
            }
        } else if (f.stream != null) {
            f.stream.offer(c.content());
        }
        if (c instanceof LastHttpContent) {
            f.requestDone = true;
            if (f.stream != null) {
                f.stream.end();
            } else if (f.aggregate != null) {
                byte[] body = ByteBufUtil.getBytes(f.aggregate);
                releaseAggregate();
                dispatch(f, body, new QueryStringDecoder(f.request.uri()));
            }
            maybeFinish();
        }
    }

    private void earlyAnswer(InFlight f, FullHttpResponse response) {
        f.discardBody = true;
        f.exchange.sendFull(response);
    }

    private void dispatch(InFlight f, byte[] body, QueryStringDecoder uri) {
        QueryParams query;
        try {
            query = new QueryParams(uri.parameters());
        } catch (IllegalArgumentException e) {
            // Go's url.ParseQuery in dockerd's httputils.ParseForm: 400 with the escape it could not read
            earlyAnswer(f, ErrorResponses.of(new InvalidArgumentException("invalid URL escape in query: "
                    + uri.rawQuery())));
            if (f.stream != null) {
                f.stream.discard();
            }
            return;
        }
        ApiRequest request = new ApiRequest(f.request.method(), f.version.path(), f.version.version(),
                f.match.params(), query, f.request.headers(), body, f.stream);
        Route route = f.match.route();
        f.exchange.log().received(body, f.request.headers().get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE));
        if (route.quick()) {
            f.exchange.log().quiet();
            // On the event loop: the handler never blocks (Route.asQuick). Without the request ID in the
            // ThreadContext: the response completes inside this call, and the request line names its ID itself.
            run(route, request, f, false);
            return;
        }
        try {
            workers.execute(() -> run(route, request, f, true));
        } catch (RejectedExecutionException e) {
            f.exchange.fail(new UnavailableException("the gateway is shutting down", e));
        }
    }

    private void run(Route route, ApiRequest request, InFlight f, boolean withRequestId) {
        try (RequestIds.Scope id = withRequestId ? RequestIds.enter(f.exchange.log().id()) : null) {
            route.handler().handle(request, f.exchange);
            f.exchange.completeAfterHandler();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.exchange.fail(new ClientGoneException(e));
        } catch (Throwable t) {
            LOG.debug("{} {} failed: {}", route.name(), request.path(), t.toString());
            f.exchange.fail(t);
        } finally {
            if (request.bodyStream() != null) {
                request.bodyStream().discard();
            }
        }
    }

    private void maybeFinish() {
        InFlight f = current;
        if (f == null || !f.requestDone || !f.responseDone || removed) {
            return;
        }
        current = null;
        if (f.match != null) {
            timings.record(f.request.method().name(), f.match.route().template(), System.nanoTime() - f.startNanos);
        }
        HeaderTimeout deadline = ctx.pipeline().get(HeaderTimeout.class);
        if (deadline != null) {
            deadline.requestDone();
        }
        while (!pending.isEmpty() && (current == null || !current.requestDone)) {
            Object msg = pending.poll();
            try {
                handle(msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        updateAutoRead();
    }

    private void updateAutoRead() {
        if (removed || ctx == null) {
            return;
        }
        boolean read = pending.isEmpty();
        InFlight f = current;
        if (f != null && (f.requestDone && !f.responseDone || f.stream != null && f.stream.wantsPause())) {
            read = false;
        }
        if (f != null && f.exchange.hijacking()) {
            return;
        }
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && current != null && current.exchange.hijacking()) {
            EpollHalfClosure.keepRegistered(ctx.channel());
            current.exchange.markInputShutdown();
            return;
        }
        if (evt instanceof SslCloseCompletionEvent e && e.isSuccess() && current != null
                && current.exchange.hijacking()) {
            current.exchange.markInputShutdown(); // TLS half-close (close_notify) while the hijack is set up
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InFlight f = current;
        if (f != null) {
            if (f.stream != null) {
                f.stream.fail(new ClientGoneException(null));
            }
            f.exchange.fireClosed();
        }
        releaseAggregate();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }

    private void releaseAggregate() {
        InFlight f = current;
        if (f != null && f.aggregate != null) {
            f.aggregate.release();
            f.aggregate = null;
        }
    }
}
