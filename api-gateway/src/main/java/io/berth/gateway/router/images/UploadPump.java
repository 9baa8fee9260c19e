package io.berth.gateway.router.images;

import io.berth.gateway.grpc.BidiStream;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Streams an upload (a request body or a download) into a storage upload rpc (LoadImage, ImportImage):
 * the options message first, then one message per chunk, waiting for gRPC flow control before each, then
 * the half-close. Runs on its own thread; any failure cancels the call, which the reader then sees.
 */
final class UploadPump {
    private static final Logger LOG = LogManager.getLogger(UploadPump.class);

    private UploadPump() {
    }

    /** Where the bytes come from: the request body, or a download. */
    interface Source {
        /**
         * @return the next chunk, or null at the end
         * @throws InterruptedException if interrupted while waiting
         * @throws java.io.IOException if the source fails (the call is cancelled)
         */
        byte[] read() throws InterruptedException, java.io.IOException;
    }

    /**
     * @param body the bytes to send
     * @param call the started rpc
     * @param first the first message (the options)
     * @param chunk wraps a chunk of bytes into a message
     * @param <Q> the request message
     */
    static <Q> void pump(Source body, BidiStream<Q, ?> call, Q first, Function<byte[], Q> chunk) {
        try {
            call.send(first);
            byte[] bytes;
            while ((bytes = body.read()) != null) {
                call.awaitReady();
                call.send(chunk.apply(bytes));
            }
            call.halfClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.close();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("upload ended early: {}", e.toString());
            call.close();
        }
    }
}
