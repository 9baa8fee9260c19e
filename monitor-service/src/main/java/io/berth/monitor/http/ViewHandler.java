package io.berth.monitor.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One connection of the metrics view: answers each GET (or HEAD) through {@link ViewRoutes}, or turns the
 * connection into a live-update stream (server-sent events, {@code text/event-stream}) for
 * {@link ViewRoutes#UPDATES}. Other methods are 405, unknown paths 404, a route's failure 500, all with a
 * plain-text body.
 */
final class ViewHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LogManager.getLogger(ViewHandler.class);

    private final ViewRoutes routes;

    ViewHandler(ViewRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            send(ctx, request, ViewRoutes.Reply.text(405, "method not allowed: " + request.method() + "\n"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (ViewRoutes.UPDATES.equals(uri.path())) {
            HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            HttpUtil.setTransferEncodingChunked(r, true);
            ctx.writeAndFlush(r);
            routes.updates().add(ctx.channel());
            return;
        }
        ViewRoutes.Reply reply;
        try {
            reply = routes.route(uri.path(), uri.parameters());
        } catch (RuntimeException e) {
            LOG.warn("metrics view: {} failed", uri.path(), e);
            reply = ViewRoutes.Reply.text(500, "internal error: " + e.getMessage() + "\n");
        }
        send(ctx, request, reply, head);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, ViewRoutes.Reply reply,
                             boolean head) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("metrics view connection failed: {}", cause.toString());
        ctx.close();
    }

    /** @return the UTF-8 bytes of a text */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
