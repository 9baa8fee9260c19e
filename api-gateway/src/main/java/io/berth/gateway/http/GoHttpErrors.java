package io.berth.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What Go's {@code net/http} server (dockerd's) answers by itself, before any Docker API handler, to a request
 * it cannot serve (go1.16+ {@code net/http/server.go} {@code conn.serve}/{@code readRequest}): a plain-text
 * response with {@code Content-Type: text/plain; charset=utf-8} and {@code Connection: close}, whose status
 * line and body carry the same text, after which the connection is closed:
 * <ul>
 *   <li>431 {@code Request Header Fields Too Large}: the request line and headers are over
 *       {@link #MAX_HEADER_BYTES} (Go's {@code DefaultMaxHeaderBytes} of 1 MiB plus its 4096 bytes of slack);</li>
 *   <li>505 {@code HTTP Version Not Supported: unsupported protocol version}: a major version other than 1;</li>
 *   <li>400 {@code Bad Request: missing required Host header} (HTTP/1.1 without {@code Host}),
 *       {@code Bad Request: too many Host headers};</li>
 *   <li>400 {@code Bad Request}: anything else malformed (request line, header syntax, a URL with a bad
 *       {@code %} escape).</li>
 * </ul>
 */
public final class GoHttpErrors {
    /** The most bytes of request line plus headers that are read before answering 431. */
    public static final int MAX_HEADER_BYTES = (1 << 20) + 4096;

    private GoHttpErrors() {
    }

    /**
     * @param request a request as the codec decoded it
     * @return the protocol-level answer this request gets instead of being routed, if any
     */
    public static Optional<ByteBuf> check(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return Optional.of(request.decoderResult().cause() instanceof TooLongFrameException
                    ? response(431, "Request Header Fields Too Large", null)
                    : response(400, "Bad Request", null));
        }
        HttpVersion v = request.protocolVersion();
        if (v.majorVersion() != 1) {
            return Optional.of(response(505, "HTTP Version Not Supported", "unsupported protocol version"));
        }
        HttpHeaders h = request.headers();
        List<String> hosts = h.getAll("Host");
        if (hosts.size() > 1) {
            return Optional.of(response(400, "Bad Request", "too many Host headers"));
        }
        if (v.minorVersion() >= 1 && hosts.isEmpty()) {
            return Optional.of(response(400, "Bad Request", "missing required Host header"));
        }
        if (!validHost(hosts.isEmpty() ? "" : hosts.get(0))) {
            return Optional.of(response(400, "Bad Request", "malformed Host header"));
        }
        if (!validRequestUri(request.uri())) {
            return Optional.of(response(400, "Bad Request", null));
        }
        return Optional.empty();
    }

    /**
     * Go's {@code url.ParseRequestURI} checks the escapes of the path: every {@code %} followed by two hex
     * digits; the query is parsed later and tolerated.
     */
    static boolean validRequestUri(String uri) {
        if (uri.isEmpty() || uri.charAt(0) != '/' && !uri.equals("*") && !uri.contains("://")) {
            return false;
        }
        int end = uri.indexOf('?');
        String path = end < 0 ? uri : uri.substring(0, end);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length() || !hex(path.charAt(i + 1)) || !hex(path.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < 0x21 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code httpguts.ValidHostHeader}: printable ASCII without spaces and a few separators. */
    static boolean validHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '{' || c == '|' || c == '}') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static ByteBuf response(int code, String reason, String detail) {
        String text = code + " " + reason + (detail == null ? "" : ": " + detail);
        String r = "HTTP/1.1 " + text + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + text;
        return Unpooled.copiedBuffer(r, StandardCharsets.ISO_8859_1);
    }
}
