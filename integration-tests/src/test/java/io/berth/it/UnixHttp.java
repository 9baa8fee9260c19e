package io.berth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately small HTTP/1.1 client over a unix socket for tests that must see what the docker CLI
 * hides: exact status codes, headers and error bodies. One request per connection ({@code Connection:
 * close}); understands Content-Length, chunked and read-to-EOF bodies.
 */
final class UnixHttp {
    /** A response: status code, headers (lower-case names) and the body as text. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Path socket;

    UnixHttp(Path socket) {
        this.socket = socket;
    }

    /**
     * Sends one request and reads the whole response.
     *
     * @param method HTTP method
     * @param path path with query, e.g. "/v1.41/version"
     * @param body request body (JSON) or null
     */
    Response send(String method, String path, String body) throws IOException {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /**
     * Sends one request with a binary body and reads the whole response.
     *
     * @param method HTTP method
     * @param path path with query
     * @param body the body or null
     * @param contentType its Content-Type, e.g. "application/x-tar"
     */
    Response send(String method, String path, byte[] body, String contentType) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] b = body == null ? new byte[0] : body;
            StringBuilder req = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            if (body != null) {
                req.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(b.length)
                        .append("\r\n");
            }
            req.append("\r\n");
            ch.write(ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(b));
            InputStream in = Channels.newInputStream(ch);
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int c = l.indexOf(':');
                headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if ("HEAD".equals(method) || status == 204 || status == 304) {
                return new Response(status, headers, "");
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                    out.write(in.readNBytes(n));
                    line(in);
                }
            } else if (headers.containsKey("content-length")) {
                out.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else {
                in.transferTo(out);
            }
            return new Response(status, headers, out.toString(StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
