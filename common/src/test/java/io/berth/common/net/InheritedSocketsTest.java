package io.berth.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InheritedSocketsTest {
    @Test
    void listenFds_onlyForThisPid() {
        assertEquals(List.of(3, 4), InheritedSockets.listenFds(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "2"), 42));
        assertEquals(List.of(), InheritedSockets.listenFds(Map.of("LISTEN_PID", "41", "LISTEN_FDS", "2"), 42));
        assertEquals(List.of(), InheritedSockets.listenFds(Map.of("LISTEN_FDS", "2"), 42));
        assertEquals(List.of(), InheritedSockets.listenFds(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "x"), 42));
    }

    @Test
    void select_allOrTheNamedOne_eachOnce() {
        assertEquals(List.of(3, 4), InheritedSockets.select(List.of(HostAddress.parse("fd://")), List.of(3, 4)));
        assertEquals(List.of(4), InheritedSockets.select(List.of(HostAddress.parse("fd://4")), List.of(3, 4)));
        assertEquals(List.of(4, 3), InheritedSockets.select(List.of(HostAddress.parse("fd://4"),
                HostAddress.parse("fd://")), List.of(3, 4)));
        assertEquals("no sockets found via socket activation: make sure the service was started by systemd",
                assertThrows(IllegalArgumentException.class,
                        () -> InheritedSockets.select(List.of(HostAddress.parse("fd://")), List.of())).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InheritedSockets.select(List.of(HostAddress.parse("fd://9")), List.of(3)));
    }

    @Test
    void family_ofAUnixServerSocket() throws Exception {
        // A descriptor of this JVM: its own listening unix socket, found through /proc/self/fd.
        java.nio.file.Path p = java.nio.file.Files.createTempDirectory("fam").resolve("s.sock");
        try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(java.net.UnixDomainSocketAddress.of(p));
            int fd = -1;
            try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
                for (var f : s.toList()) {
                    try {
                        int n = Integer.parseInt(f.getFileName().toString());
                        if (java.nio.file.Files.readSymbolicLink(f).toString().startsWith("socket:")
                                && InheritedSockets.family(n) == InheritedSockets.AF_UNIX) {
                            fd = n;
                        }
                    } catch (java.io.IOException | NumberFormatException e) {
                        // not a socket or gone
                    }
                }
            }
            assertEquals(true, fd > 2, "a unix socket descriptor was found");
        } finally {
            java.nio.file.Files.deleteIfExists(p);
        }
    }
}
