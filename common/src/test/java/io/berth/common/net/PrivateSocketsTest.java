package io.berth.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A socket bound privately is mode 0600 at its final path, still listening, with nothing left beside it. */
class PrivateSocketsTest {
    @TempDir
    Path dir;

    @Test
    void bind_givesAListeningSocketOfMode0600AtTheFinalPathAndNoTemporaryDirectory() throws Exception {
        Path socket = dir.resolve("svc.sock");
        Files.writeString(socket, "stale");
        try (ServerSocketChannel server = PrivateSockets.bind(socket, p -> {
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(p));
            return s;
        })) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                assertTrue(c.connect(UnixDomainSocketAddress.of(socket)));
            }
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(java.util.List.of(socket), s.toList());
            }
        }
    }
}
