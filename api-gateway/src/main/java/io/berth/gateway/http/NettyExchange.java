package io.berth.gateway.http;

import io.berth.common.errors.InvalidArgumentException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@link HttpExchange} over a Netty channel whose pipeline {@link GatewayChannelInitializer} built. Worker
 * threads write through the channel (Netty hands the writes to the event loop); pipeline changes for a
 * hijack run on the event loop. When the response is complete and the connection stays open,
 * {@code responseDone} runs on the event loop so the {@link DispatchHandler} can read the next request.
 */
final class NettyExchange implements HttpExchange {
    private static final Logger LOG = LogManager.getLogger(NettyExchange.class);
    private static final HttpResponseStatus UPGRADED = new HttpResponseStatus(101, "UPGRADED");
    /** Largest websocket frame accepted from a client, in bytes. */
    private static final int MAX_WEBSOCKET_FRAME = 1 << 20;
    /** How long a websocket stays open after the server's close frame, waiting for the client's answer. */
    private static final long WEBSOCKET_CLOSE_WAIT_SECONDS = 2;

    private enum State { NONE, FULL, CHUNKED, HIJACKED }

    private final Channel channel;
    private final boolean keepAlive;
    private final Runnable responseDone;
    private final RequestLog log;
    private final AtomicReference<State> state = new AtomicReference<>(State.NONE);
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ChunkedBodyImpl chunked;
    private volatile boolean inputShutdown;
    private volatile RawStreamHandler raw;
    private volatile WebSocketStreamHandler webSocket;

    NettyExchange(Channel channel, boolean keepAlive, Runnable responseDone, RequestLog log) {
        this.channel = channel;
        this.keepAlive = keepAlive;
        this.responseDone = responseDone;
        this.log = log;
    }

    /** @return this request's log (its ID, status and duration) */
    RequestLog log() {
        return log;
    }

    @Override
    public void respond(HttpResponseStatus status, String contentType, byte[] body,
                        Map<String, String> extraHeaders) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        ResponseHeaders.apply(r.headers());
        extraHeaders.forEach((k, v) -> r.headers().set(k, v));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status.code() != 204 && status.code() != 304) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        sendFull(r);
    }

    /** Sends a complete prepared response (error responses, HEAD answers). */
    void sendFull(FullHttpResponse r) {
        claim(State.FULL);
        log.status(r.status().code());
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        finish(channel.writeAndFlush(r));
    }

    @Override
    public ChunkedBody startChunked(HttpResponseStatus status, String contentType,
                                    Map<String, String> extraHeaders) {
        claim(State.CHUNKED);
        log.status(status.code());
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        ResponseHeaders.apply(r.headers());
        extraHeaders.forEach((k, v) -> r.headers().set(k, v));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setTransferEncodingChunked(r, true);
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        writeBlocking(r);
        chunked = new ChunkedBodyImpl();
        return chunked;
    }

    @Override
    public RawStream hijack(boolean upgrade, RawInput input) {
        claim(State.HIJACKED);
        log.status(upgrade ? 101 : 200);
        switchProtocol(switched -> switchToRaw(upgrade, input, switched));
        return new RawStream() {
            @Override
            public void write(byte[] bytes) {
                writeBlocking(Unpooled.wrappedBuffer(bytes));
            }

            @Override
            public void close() {
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        };
    }

    /**
     * Runs a protocol switch (raw stream, websocket) on the channel's event loop and waits until it has
     * completed the future it is given: the response headers are written and the pipeline is rebuilt.
     *
     * @throws ClientGoneException when the client went away before the switch completed
     */
    private void switchProtocol(Consumer<CompletableFuture<Void>> switcher) {
        CompletableFuture<Void> switched = new CompletableFuture<>();
        onLoop(() -> switcher.accept(switched));
        try {
            switched.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new ClientGoneException(e);
        } catch (ExecutionException e) {
            throw new ClientGoneException(e.getCause());
        }
    }

    private void switchToRaw(boolean upgrade, RawInput input, CompletableFuture<Void> switched) {
        channel.config().setAutoRead(false);
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        HttpResponse r;
        if (upgrade) {
            r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, UPGRADED);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/vnd.docker.raw-stream")
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                    .set(HttpHeaderNames.UPGRADE, "tcp");
        } else {
            r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            ResponseHeaders.apply(r.headers());
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/vnd.docker.raw-stream");
        }
        channel.writeAndFlush(r).addListener(f -> {
            if (!f.isSuccess()) {
                switched.completeExceptionally(new ClientGoneException(f.cause()));
                channel.close();
                return;
            }
            ChannelPipeline p = channel.pipeline();
            RawStreamHandler handler = new RawStreamHandler(input, this::fireClosed);
            raw = handler;
            p.addAfter(GatewayChannelInitializer.CODEC, GatewayChannelInitializer.RAW, handler);
            p.remove(GatewayChannelInitializer.CODEC);
            if (p.get(GatewayChannelInitializer.DISPATCH) != null) {
                p.remove(GatewayChannelInitializer.DISPATCH);
            }
            if (inputShutdown) {
                handler.inputClosed();
            }
            channel.config().setAutoRead(true);
            switched.complete(null);
            if (!channel.isActive()) {
                fireClosed();
            }
        });
    }

    @Override
    public RawStream websocket(ApiRequest request, boolean binary, RawInput input) {
        FullHttpRequest upgrade = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                request.path(), Unpooled.EMPTY_BUFFER, request.headers().copy(), EmptyHttpHeaders.INSTANCE);
        // dockerd's golang.org/x/net/websocket accepts only version 13 with a key and answers 400 otherwise;
        // Netty would pick its hixie-76 handshaker for a request without a version and wait for a body
        String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "");
        if (!"13".equals(version.trim()) || request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY, "").isBlank()) {
            throw new InvalidArgumentException("unsupported websocket version: " + version);
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("ws://localhost" + request.path(),
                null, false, MAX_WEBSOCKET_FRAME).newHandshaker(upgrade);
        if (handshaker == null) {
            throw new InvalidArgumentException("unsupported websocket version: "
                    + request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
        }
        if (!"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            throw new InvalidArgumentException("not a websocket handshake: no Upgrade: websocket header");
        }
        claim(State.HIJACKED);
        log.status(101);
        switchProtocol(switched -> switchToWebSocket(handshaker, upgrade, input, switched));
        return new RawStream() {
            @Override
            public void write(byte[] bytes) {
                writeBlocking(binary ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                        : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
            }

            @Override
            public void close() {
                WebSocketStreamHandler h = webSocket;
                if (h != null) {
                    h.closeSent();
                }
                channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(f ->
                        channel.eventLoop().schedule(() -> {
                            channel.close();
                        }, WEBSOCKET_CLOSE_WAIT_SECONDS, TimeUnit.SECONDS));
            }
        };
    }

    private void switchToWebSocket(WebSocketServerHandshaker handshaker, FullHttpRequest upgrade, RawInput input,
                                   CompletableFuture<Void> switched) {
        channel.config().setAutoRead(false);
        ChannelPipeline p = channel.pipeline();
        WebSocketStreamHandler handler = new WebSocketStreamHandler(input, this::fireClosed);
        webSocket = handler;
        handshaker.handshake(channel, upgrade).addListener(f -> {
            if (!f.isSuccess()) {
                switched.completeExceptionally(new ClientGoneException(f.cause()));
                channel.close();
                return;
            }
            if (p.get(GatewayChannelInitializer.DISPATCH) != null) {
                p.replace(GatewayChannelInitializer.DISPATCH, GatewayChannelInitializer.RAW, handler);
            } else {
                p.addLast(GatewayChannelInitializer.RAW, handler);
            }
            if (inputShutdown) {
                handler.inputClosed();
            }
            channel.config().setAutoRead(true);
            switched.complete(null);
            if (!channel.isActive()) {
                fireClosed();
            }
        });
    }

    @Override
    public void rawStreamError(Throwable error) {
        claim(State.FULL);
        FullHttpResponse r = ErrorResponses.rawStreamError(error);
        log.status(r.status().code());
        channel.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(action);
        if (closed.get()) {
            runCloseActions();
        }
    }

    @Override
    public boolean responseStarted() {
        return state.get() != State.NONE;
    }

    /** The client half-closed before the hijack switched the pipeline (event loop). */
    void markInputShutdown() {
        inputShutdown = true;
        RawStreamHandler h = raw;
        if (h != null) {
            h.inputClosed();
        }
    }

    /** @return true if this exchange is (becoming) a raw stream */
    boolean hijacking() {
        return state.get() == State.HIJACKED;
    }

    /** The connection closed: run the close actions once (any thread). */
    void fireClosed() {
        closed.set(true);
        log.done();
        runCloseActions();
    }

    /** After the handler returned normally: end a chunked body it left open; a missing answer is a bug. */
    void completeAfterHandler() {
        State s = state.get();
        if (s == State.CHUNKED) {
            chunked.end();
        } else if (s == State.NONE) {
            fail(new IllegalStateException("handler sent no response"));
        }
    }

    /**
     * The handler failed: an error response if nothing was sent yet, otherwise the stream is cut (closing the
     * connection is the only way left to tell the client).
     */
    void fail(Throwable error) {
        if (error instanceof ClientGoneException || closed.get()) {
            LOG.debug("client gone: {}", error.toString());
            return;
        }
        if (state.get() == State.NONE) {
            try {
                sendFull(ErrorResponses.of(error));
                return;
            } catch (IllegalStateException raced) {
                LOG.debug("response started concurrently", raced);
            }
        }
        LOG.warn("stream failed after its headers were sent: {}", error.toString());
        channel.close();
    }

    private void runCloseActions() {
        for (Runnable r : closeActions) {
            if (closeActions.remove(r)) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("close action failed", e);
                }
            }
        }
    }

    private void claim(State next) {
        if (!state.compareAndSet(State.NONE, next)) {
            throw new IllegalStateException("response already started as " + state.get());
        }
    }

    private void finish(ChannelFuture f) {
        f.addListener(x -> {
            log.done();
            if (!keepAlive || !x.isSuccess()) {
                channel.close();
            } else {
                responseDone.run();
            }
        });
    }

    private void writeBlocking(Object msg) {
        if (closed.get() || !channel.isActive()) {
            io.netty.util.ReferenceCountUtil.release(msg);
            throw new ClientGoneException(null);
        }
        ChannelFuture f = channel.writeAndFlush(msg);
        if (!f.isDone() && !channel.isWritable() && !channel.eventLoop().inEventLoop()) {
            f.awaitUninterruptibly();
        }
        if (f.isDone() && !f.isSuccess()) {
            throw new ClientGoneException(f.cause());
        }
    }

    private void onLoop(Runnable r) {
        if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    private final class ChunkedBodyImpl implements ChunkedBody {
        private final AtomicBoolean ended = new AtomicBoolean();

        @Override
        public void write(byte[] bytes) {
            if (bytes.length == 0) {
                return;
            }
            writeBlocking(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
        }

        @Override
        public void end() {
            if (ended.compareAndSet(false, true)) {
                finish(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
            }
        }
    }
}
