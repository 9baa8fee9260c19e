package io.berth.gateway.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The first handler of a TLS listener's connection: once the first 5 bytes are in, a TLS record header puts the
 * {@link SslHandler} in its place; anything else (plain HTTP sent to the TLS port) gets the answer Go's
 * {@code crypto/tls} server gives, {@code HTTP/1.0 400 Bad Request} with "Client sent an HTTP request to an
 * HTTPS server.", and the connection is closed. Nothing of the request reaches the API.
 */
public final class TlsOnlyHandler extends ByteToMessageDecoder {
    /** Pipeline name. */
    public static final String NAME = "tls";
    private static final byte[] PLAIN_HTTP_ANSWER = ("HTTP/1.0 400 Bad Request\r\n\r\n"
            + "Client sent an HTTP request to an HTTPS server.\n").getBytes(StandardCharsets.ISO_8859_1);

    private final SslContext context;

    /** @param context the server context */
    public TlsOnlyHandler(SslContext context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            ctx.pipeline().replace(this, NAME, context.newHandler(ctx.alloc()));
        } else {
            in.skipBytes(in.readableBytes());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_HTTP_ANSWER)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
