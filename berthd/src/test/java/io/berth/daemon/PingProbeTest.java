package io.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.net.HostAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PingProbeTest {
    @TempDir
    Path dir;

    private boolean probeAgainst(String response) throws Exception {
        Path sock = Files.createTempFile(dir, "d", ".sock");
        Files.delete(sock);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread t = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(4096));
                    if (response != null) {
                        c.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
                    } else {
                        Thread.sleep(5000);
                    }
                } catch (Exception e) {
                    // the probe closed first
                }
            });
            t.start();
            boolean ready = new PingProbe(HostAddress.parse("unix://" + sock), Duration.ofMillis(500)).isReady();
            t.interrupt();
            t.join();
            return ready;
        }
    }

    @Test
    void isReady_okPing_isTrue() throws Exception {
        assertTrue(probeAgainst("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"));
        assertTrue(probeAgainst("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n"));
    }

    @Test
    void isReady_errorStatus_isFalse() throws Exception {
        assertFalse(probeAgainst("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nOK"));
    }

    @Test
    void isReady_noAnswer_isFalseAfterTimeout() throws Exception {
        assertFalse(probeAgainst(null));
    }

    @Test
    void isReady_noSocket_isFalse() {
        assertFalse(new PingProbe(HostAddress.parse("unix://" + dir.resolve("none.sock")), Duration.ofMillis(500))
                .isReady());
    }
}
