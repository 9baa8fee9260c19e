package io.berth.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostAddressTest {
    @Test
    void parse_unixPath_givesPath() {
        HostAddress h = HostAddress.parse("unix:///tmp/berth.sock");
        assertTrue(h.isUnix());
        assertEquals(Path.of("/tmp/berth.sock"), h.path());
    }

    @Test
    void parse_bareUnix_meansDockerSocket() {
        assertEquals(Path.of("/var/run/docker.sock"), HostAddress.parse("unix://").path());
    }

    @Test
    void parse_tcp_givesHostAndPort() {
        HostAddress h = HostAddress.parse("tcp://127.0.0.1:2376");
        assertEquals("127.0.0.1", h.host());
        assertEquals(2376, h.port());
        assertEquals(2375, HostAddress.parse("tcp://localhost").port());
    }

    @Test
    void parse_relativeUnixPathOrOtherScheme_isInvalid() {
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("unix://rel.sock"));
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("fd://"));
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("tcp://h:port"));
    }

    @Test
    void parse_bareAbsolutePath_isAUnixSocket() {
        HostAddress h = HostAddress.parse("/run/berth.sock");
        assertTrue(h.isUnix());
        assertEquals(Path.of("/run/berth.sock"), h.requireUnix());
    }

    @Test
    void parse_portOutOfRange_isInvalid() {
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("tcp://h:0"));
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("tcp://h:65536"));
    }

    @Test
    void requireUnix_ofATcpAddress_isNotImplemented() {
        assertThrows(NotImplementedException.class, () -> HostAddress.parse("tcp://h:2375").requireUnix());
    }
}
