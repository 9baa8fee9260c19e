package io.berth.gateway.router;

import com.google.protobuf.ByteString;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Function;

/**
 * Sends a service's byte stream (a tar: {@code docker export}, {@code docker save}) as a chunked 200 body:
 * the first message is awaited before the headers, so an error the service reports at once (no such
 * container or image) is still a JSON error with its status; each chunk is written before the next one is
 * requested, so a slow client slows the service; a failure after the headers ends the body early (dockerd
 * cuts the stream too). The service call is cancelled when the HTTP connection closes.
 */
public final class StreamedDownloads {
    private StreamedDownloads() {
    }

    /**
     * @param ex the exchange
     * @param stream the started server-streaming call
     * @param contentType the body's media type, e.g. {@code application/x-tar}
     * @param data a message's bytes
     * @param <T> the response message
     * @throws InterruptedException if interrupted while waiting for the service
     */
    public static <T> void send(HttpExchange ex, ResponseStream<T> stream, String contentType,
                                Function<T, ByteString> data) throws InterruptedException {
        ex.onClose(stream::close);
        try {
            T first = stream.next();
            ChunkedBody out = ex.startChunked(HttpResponseStatus.OK, contentType);
            for (T r = first; r != null; r = stream.next()) {
                ByteString b = data.apply(r);
                if (!b.isEmpty()) {
                    out.write(b.toByteArray());
                }
            }
            out.end();
        } finally {
            stream.close();
        }
    }
}
