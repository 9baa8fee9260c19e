package io.berth.gateway.http;

import io.berth.common.json.Json;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * The answering side of one request. Every response gets the standard headers of {@link ResponseHeaders}.
 * Exactly one of {@link #respond}, {@link #startChunked} or {@link #hijack} may be called per request.
 * Methods are safe to call from worker threads.
 */
public interface HttpExchange {
    /**
     * Sends a complete response with a {@code Content-Length}.
     *
     * @param status the status
     * @param contentType the Content-Type, or null for none
     * @param body the body (empty for 204/304)
     */
    default void respond(HttpResponseStatus status, String contentType, byte[] body) {
        respond(status, contentType, body, Map.of());
    }

    /**
     * Sends a complete response with a {@code Content-Length} and extra headers.
     *
     * @param status the status
     * @param contentType the Content-Type, or null for none
     * @param body the body (empty for 204/304 and HEAD)
     * @param extraHeaders headers beyond the standard ones (e.g. Cache-Control of /_ping)
     */
    void respond(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> extraHeaders);

    /**
     * Sends a JSON response (Docker's encoder: the value plus "\n").
     *
     * @param status the status
     * @param value the value to serialize
     */
    default void json(HttpResponseStatus status, Object value) {
        respond(status, "application/json", Json.line(value));
    }

    /**
     * Sends a response without a body (201, 204, 304).
     *
     * @param status the status
     */
    default void empty(HttpResponseStatus status) {
        respond(status, null, new byte[0]);
    }

    /**
     * Sends the headers of a chunked response and flushes them at once.
     *
     * @param status the status
     * @param contentType the Content-Type, or null for none (logs in API 1.41)
     * @return the body to write chunks to
     */
    default ChunkedBody startChunked(HttpResponseStatus status, String contentType) {
        return startChunked(status, contentType, Map.of());
    }

    /**
     * Sends the headers of a chunked response with extra headers and flushes them at once.
     *
     * @param status the status
     * @param contentType the Content-Type, or null for none
     * @param extraHeaders headers beyond the standard ones (e.g. X-Docker-Container-Path-Stat of an archive)
     * @return the body to write chunks to
     */
    ChunkedBody startChunked(HttpResponseStatus status, String contentType, Map<String, String> extraHeaders);

    /**
     * Takes the connection over for a raw stream. With {@code upgrade} the answer is
     * {@code 101 UPGRADED} with {@code Content-Type: application/vnd.docker.raw-stream},
     * {@code Connection: Upgrade}, {@code Upgrade: tcp}; without, {@code 200 OK} with the raw-stream content
     * type and neither length nor chunking. The headers are flushed alone before this method returns; from
     * then on client bytes go to {@code input}, and a client half-close is delivered, not treated as a hang-up.
     *
     * @param upgrade whether the client asked for {@code Connection: Upgrade}/{@code Upgrade: tcp}
     * @param input receives the client's bytes
     * @return the raw stream to write output to
     * @throws ClientGoneException if the client left before the headers were written
     */
    RawStream hijack(boolean upgrade, RawInput input);

    /**
     * Takes the connection over for a websocket (RFC 6455, Netty's handshaker; version 13 and the older
     * drafts Netty accepts): answers the handshake ({@code 101 Switching Protocols}) and from then on client
     * frame payloads go to {@code input}, a close frame is its EOF.
     *
     * @param request the upgrade request (its headers carry {@code Sec-WebSocket-Key} and the version)
     * @param binary output frames are binary (dockerd for API 1.28 and later), else text
     * @param input receives the client's bytes
     * @return the stream to write output to, one frame per write; closing it sends a close frame (1000)
     *     and closes the connection
     * @throws io.berth.common.errors.InvalidArgumentException (400) if the request is not a websocket handshake
     * @throws ClientGoneException if the client left before the handshake was answered
     */
    RawStream websocket(ApiRequest request, boolean binary, RawInput input);

    /**
     * Answers an attach that failed before its hijack as dockerd does ({@link ErrorResponses#rawStreamError})
     * and closes the connection.
     *
     * @param error the failure
     */
    void rawStreamError(Throwable error);

    /**
     * Registers an action for when the client closes the connection (cancel the gRPC call behind a stream).
     * Runs at once if the connection is already closed.
     *
     * @param action the action; must not block
     */
    void onClose(Runnable action);

    /** @return true once any response headers have been sent */
    boolean responseStarted();
}
