package io.berth.monitor.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * The page's open live-update streams (server-sent events, WHATWG HTML "Server-sent events"): each
 * {@link #broadcast} writes one {@code event: <name>} / {@code data: <json>} message to every stream. A stream
 * whose client does not keep up (its channel is not writable) misses that message instead of holding it in
 * memory; the next one carries fresh values. Closed connections leave the group by themselves.
 */
public final class LiveUpdates {
    private final ChannelGroup streams = new DefaultChannelGroup("metrics-view-updates", GlobalEventExecutor.INSTANCE);

    /** @param channel a connection whose response headers were sent */
    void add(Channel channel) {
        streams.add(channel);
    }

    /** @return the number of open streams */
    public int size() {
        return streams.size();
    }

    /**
     * @param event the event name
     * @param json one line of JSON (no newline)
     */
    public void broadcast(String event, String json) {
        if (streams.isEmpty()) {
            return;
        }
        byte[] bytes = ("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (Channel c : streams) {
            if (c.isActive() && c.isWritable()) {
                c.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            }
        }
    }

    /** Closes every stream. */
    public void close() {
        streams.close();
    }
}
