package io.berth.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.BerthException;
import io.berth.common.grpc.GrpcErrors;
import io.berth.common.json.Json;
import io.grpc.StatusRuntimeException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The only place an HTTP error body is built (Docker Engine API 1.41 ErrorResponse):
 * {@code Content-Type: application/json}, body {@code {"message":"..."}} plus {@code "\n"}, with the status
 * taken from the exception's {@link io.berth.common.errors.ErrorCategory#httpStatus()} (404, 400, 409, 501,
 * 503, 500). Also the in-stream error object of JSON message streams ({@code /images/load}) and dockerd's
 * plain-text "too old" version error.
 */
public final class ErrorResponses {
    private static final Logger LOG = LogManager.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /**
     * The response for an error a handler raised.
     *
     * @param error a {@link BerthException} (its category decides the status), a gRPC
     *     {@link StatusRuntimeException} (mapped through {@link GrpcErrors#toNative}) or anything else (500)
     * @return a complete response with the standard headers
     */
    public static FullHttpResponse of(Throwable error) {
        if (error instanceof StatusRuntimeException sre) {
            error = GrpcErrors.toNative(sre);
        }
        if (error instanceof UnsupportedApiVersionException v && v.tooOld()) {
            return build(HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                    (v.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (error instanceof BerthException be) {
            int status = be.category().httpStatus();
            if (status == 500) {
                LOG.error("request failed: {}", be.getMessage(), be);
            } else if (status >= 500) {
                LOG.warn("request failed ({}): {}", status, be.getMessage());
            }
            return json(HttpResponseStatus.valueOf(status), be.getMessage());
        }
        LOG.error("request failed", error);
        String msg = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return json(HttpResponseStatus.INTERNAL_SERVER_ERROR, msg);
    }

    /**
     * dockerd's answer to an attach that fails before the hijack (moby's postContainersAttach: bad detach
     * keys, no such container, paused): it takes the connection over and writes
     * {@code HTTP/1.1 <code> <text>}, {@code Content-Type: application/vnd.docker.raw-stream} and nothing
     * else, then the message and {@code "\r\n"} as the body, and closes the connection (no length, no JSON,
     * none of the standard headers).
     *
     * @param error as for {@link #of(Throwable)}
     * @return the response; the caller closes the connection after it
     */
    public static FullHttpResponse rawStreamError(Throwable error) {
        FullHttpResponse json = of(error);
        String message = json.content().toString(StandardCharsets.UTF_8);
        json.release();
        try {
            message = Json.MAPPER.readTree(message).path("message").asText("");
        } catch (java.io.IOException e) {
            // of() always writes {"message": ...}, and plain text for a too-old version: keep the text
        }
        byte[] body = (message.strip() + "\r\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, json.status(),
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/vnd.docker.raw-stream");
        return r;
    }

    /** @return dockerd's answer to a path no route matches: 404 {"message":"page not found"} */
    public static FullHttpResponse pageNotFound() {
        return json(HttpResponseStatus.NOT_FOUND, "page not found");
    }

    /**
     * An error inside a JSON message stream (load, pull, build): {"errorDetail":{"message":m},"error":m}
     * plus "\n", written as the stream's last chunk after a 200 was already sent.
     *
     * @param message the error text
     * @return the chunk's bytes
     */
    public static byte[] streamError(String message) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.putObject("errorDetail").put("message", message);
        n.put("error", message);
        return Json.line(n);
    }

    private static FullHttpResponse json(HttpResponseStatus status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message == null ? "" : message);
        return build(status, "application/json", Json.line(body));
    }

    private static FullHttpResponse build(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        ResponseHeaders.apply(r.headers());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }
}
