package io.berth.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The only handler of a hijacked connection (Docker Engine API 1.41 attach after {@code 101 UPGRADED}): bytes
 * from the client go to the {@link RawInput} as the container's stdin; the client's half-close
 * ({@link ChannelInputShutdownEvent}, with {@code ALLOW_HALF_CLOSURE} on; over TLS a close_notify,
 * {@link SslCloseCompletionEvent}) is stdin EOF, not a hang-up; a real
 * close runs the exchange's close actions (cancelling the gRPC stream).
 */
final class RawStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(RawStreamHandler.class);

    private final RawInput input;
    private final Runnable onClosed;
    private final AtomicBoolean inputClosed = new AtomicBoolean();

    RawStreamHandler(RawInput input, Runnable onClosed) {
        this.input = input;
        this.onClosed = onClosed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf b && b.isReadable() && !inputClosed.get()) {
                input.onData(ByteBufUtil.getBytes(b));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            EpollHalfClosure.keepRegistered(ctx.channel());
            inputClosed();
            return;
        }
        if (evt instanceof SslCloseCompletionEvent e && e.isSuccess()) {
            // over TLS the client's half-close (Go's tls.Conn.CloseWrite) is a close_notify alert, not a FIN
            inputClosed();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onClosed.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("hijacked connection failed: {}", cause.toString());
        ctx.close();
    }

    /** Delivers stdin EOF once. */
    void inputClosed() {
        if (inputClosed.compareAndSet(false, true)) {
            input.onInputClosed();
        }
    }
}
