package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {
    private static HttpResponse parse(String s) throws IOException {
        return HttpResponse.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void parse_contentLength_readsExactlyTheBody() throws Exception {
        HttpResponse r = parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nApi-Version: 1.41\r\n\r\nOK");
        assertEquals(200, r.status());
        assertEquals("OK", r.bodyText());
        assertEquals("1.41", r.headers().get("api-version"));
    }

    @Test
    void parse_chunked_joinsTheChunks() throws Exception {
        HttpResponse r = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
        assertEquals("abcde", r.bodyText());
    }

    @Test
    void parse_noLength_takesEverythingToTheEnd() throws Exception {
        assertEquals("{}", parse("HTTP/1.0 404 Not Found\r\n\r\n{}").bodyText());
    }

    @Test
    void parse_garbageOrTruncated_throws() {
        assertThrows(IOException.class, () -> parse("SSH-2.0-OpenSSH\r\n\r\n"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nOK"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 2"));
    }
}
