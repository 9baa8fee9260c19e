package io.berth.gateway.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The handler of a websocket attach ({@code GET /containers/{id}/attach/ws}, Engine API 1.41) after Netty's
 * RFC 6455 handshake, behind its frame decoder: the payload of every text, binary and continuation frame
 * goes to the {@link RawInput} as the container's stdin (dockerd's golang.org/x/net/websocket reads frame
 * payloads as one byte stream); a close frame is stdin EOF (the output keeps flowing, as there), or, once
 * the server has sent its own close frame ({@link #closeSent()}), the end of the closing handshake (RFC 6455
 * section 7.1.1: the connection is closed then, so a client that answers the close frame does not write
 * into a closed socket); a ping is answered with a pong; the connection closing runs the exchange's close
 * actions.
 */
final class WebSocketStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LogManager.getLogger(WebSocketStreamHandler.class);

    private final RawInput input;
    private final Runnable onClosed;
    private final AtomicBoolean inputClosed = new AtomicBoolean();
    private volatile boolean closeSent;

    WebSocketStreamHandler(RawInput input, Runnable onClosed) {
        this.input = input;
        this.onClosed = onClosed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame) {
                inputClosed();
                if (closeSent) {
                    ctx.close();
                }
            } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                io.netty.buffer.ByteBuf b = ((io.netty.buffer.ByteBufHolder) msg).content();
                if (b.isReadable() && !inputClosed.get()) {
                    input.onData(ByteBufUtil.getBytes(b));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onClosed.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("websocket connection failed: {}", cause.toString());
        ctx.close();
    }

    /** The server sent its close frame: the client's answering close frame ends the connection. */
    void closeSent() {
        closeSent = true;
    }

    /** Delivers stdin EOF once. */
    void inputClosed() {
        if (inputClosed.compareAndSet(false, true)) {
            input.onInputClosed();
        }
    }
}
