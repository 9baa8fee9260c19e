package io.berth.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The deadline for a request's headers, against slow clients that open connections and send a request a byte at
 * a time (slowloris): Go's {@code http.Server.ReadHeaderTimeout}. It sits in front of the HTTP codec; the first
 * byte of a request arms it, the {@link DispatchHandler} disarms it once the request line and headers are decoded
 * ({@link #headersReceived()}) and lets the next request's first byte arm it again after the response
 * ({@link #requestDone()}). A connection whose headers are not complete {@link #DEFAULT_SECONDS} seconds after
 * their first byte is closed without an answer, as Go's server does. An idle keep-alive connection between
 * requests has no deadline (dockerd sets no idle timeout), and neither has a request being served (streams,
 * hijacked attach and exec).
 */
public final class HeaderTimeout extends ChannelInboundHandlerAdapter {
    /** Seconds from a request's first byte to the end of its headers. */
    public static final long DEFAULT_SECONDS = 60;

    private static final Logger LOG = LogManager.getLogger(HeaderTimeout.class);

    private enum State { WAITING, READING_HEADERS, SERVING }

    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private State state = State.WAITING;
    private ScheduledFuture<?> timer;

    /** @param timeoutNanos the deadline, in nanoseconds from a request's first byte */
    public HeaderTimeout(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.WAITING && msg instanceof ByteBuf b && b.isReadable()) {
            state = State.READING_HEADERS;
            timer = ctx.executor().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request line and headers are decoded: no deadline while the request is served. Event loop only. */
    void headersReceived() {
        state = State.SERVING;
        cancel();
    }

    /** The response is complete and the connection waits for the next request. Event loop only. */
    void requestDone() {
        state = State.WAITING;
    }

    private void expire() {
        if (state == State.READING_HEADERS) {
            LOG.debug("closing {}: request headers not complete after {} s", ctx.channel(),
                    TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }
}
