package io.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 response read to its end: status, headers (names lower-cased) and body, with
 * {@code Transfer-Encoding: chunked} decoded (RFC 9112 section 7.1).
 *
 * @param status the status code
 * @param headers header name (lower case) to value
 * @param body the body bytes
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    /**
     * Parses a whole response as read from a connection closed by the server.
     *
     * @param raw the bytes
     * @return the response
     * @throws IOException if it is not an HTTP/1.x response
     */
    public static HttpResponse parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("incomplete HTTP response");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + lines[0]);
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: " + lines[0], e);
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        return new HttpResponse(status, headers, chunked ? dechunk(rest) : bounded(rest, headers));
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] bounded(byte[] rest, Map<String, String> headers) throws IOException {
        String len = headers.get("content-length");
        if (len == null) {
            return rest;
        }
        int n = Integer.parseInt(len.trim());
        if (n > rest.length) {
            throw new IOException("truncated HTTP body: " + rest.length + " of " + n + " bytes");
        }
        return java.util.Arrays.copyOf(rest, n);
    }

    private static byte[] dechunk(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int eol = indexOf(in, new byte[] {'\r', '\n'}, pos);
            if (eol < 0) {
                throw new IOException("truncated chunked body");
            }
            String sizeField = new String(in, pos, eol - pos, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeField, 16);
            if (size == 0) {
                return out.toByteArray();
            }
            if (eol + 2 + size > in.length) {
                throw new IOException("truncated chunk");
            }
            out.write(in, eol + 2, size);
            pos = eol + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
