package io.berth.common.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketProbeTest {
    @TempDir
    Path dir;

    @Test
    void answers_onlyWhileSomethingListens() throws Exception {
        Path sock = dir.resolve("s.sock");
        assertFalse(UnixSocketProbe.answers(sock), "no file");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            assertTrue(UnixSocketProbe.answers(sock));
        }
        assertTrue(Files.exists(sock), "a stale socket file stays behind");
        assertFalse(UnixSocketProbe.answers(sock), "nobody listens on a stale socket file");
    }

    @Test
    void awaitAll_trueOnlyWhenEverySocketAnswers() throws Exception {
        Path a = dir.resolve("a.sock");
        Path b = dir.resolve("b.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(a));
            assertTrue(UnixSocketProbe.awaitAll(List.of(a), Duration.ofSeconds(5)));
            assertFalse(UnixSocketProbe.awaitAll(List.of(a, b), Duration.ZERO));
        }
    }
}
