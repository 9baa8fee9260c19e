package io.berth.gateway.router.images;

import io.berth.common.errors.BerthException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.ErrorResponses;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.types.registry.ProgressMessages;
import io.berth.proto.storage.v1.DistributionProgress;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Writes a pull or push progress stream as dockerd does (Docker Engine API 1.41 POST /images/create and POST
 * /images/{name}/push): the 200 and {@code application/json} headers go out with the first message, each
 * message is one JSON line ({@link ProgressMessages}); an error before the first message is an ordinary HTTP
 * error (e.g. 404 "manifest for x not found: ..."), an error after it the stream's last line
 * {@code {"errorDetail":{"message":..},"error":..}} (the CLI prints it and exits 1).
 */
final class ProgressStreamHandler {
    private ProgressStreamHandler() {
    }

    /**
     * @param stream the started call
     * @param ex the exchange
     * @throws InterruptedException if interrupted while waiting for storage
     * @throws BerthException the error, if it came before any message
     */
    static void relay(ResponseStream<DistributionProgress> stream, HttpExchange ex) throws InterruptedException {
        ex.onClose(stream::close);
        ChunkedBody out = null;
        try {
            DistributionProgress p;
            while ((p = stream.next()) != null) {
                if (out == null) {
                    out = ex.startChunked(HttpResponseStatus.OK, "application/json");
                }
                out.write(ProgressMessages.line(p));
            }
        } catch (BerthException e) {
            if (out == null) {
                throw e;
            }
            out.write(ErrorResponses.streamError(e.getMessage()));
        } finally {
            stream.close();
        }
        if (out == null) {
            out = ex.startChunked(HttpResponseStatus.OK, "application/json");
        }
        out.end();
    }
}
