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
    void requireUnix_acceptsUnixUrlsAndPaths() {
        assertEquals(Path.of("/tmp/x.sock"), HostAddress.parse("unix:///tmp/x.sock").requireUnix());
        assertEquals(Path.of("/var/run/docker.sock"), HostAddress.parse("unix://").requireUnix());
        assertEquals(Path.of("/tmp/y.sock"), HostAddress.parse("/tmp/y.sock").requireUnix());
    }

    @Test
    void requireUnix_tcpIsNotSupportedYet() {
        NotImplementedException e = assertThrows(NotImplementedException.class,
                () -> HostAddress.parse("tcp://0.0.0.0:2375").requireUnix());
        assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
    }

    @Test
    void requireUnix_garbageIsInvalid() {
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("docker.sock").requireUnix());
    }

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
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("fd://x"));
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("tcp://h:1/path"));
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("npipe:////./pipe/docker"));
        assertThrows(InvalidArgumentException.class, () -> HostAddress.parse("tcp://h:port"));
    }

    @Test
    void parse_tcpWithoutPort_is2375Or2376WithTls() {
        assertEquals(2375, HostAddress.parse("tcp://0.0.0.0", false).port());
        assertEquals(2376, HostAddress.parse("tcp://0.0.0.0", true).port());
        assertEquals(2376, HostAddress.parse("tcp://0.0.0.0:", true).port());
        assertEquals(9000, HostAddress.parse("tcp://0.0.0.0:9000", true).port());
        HostAddress any = HostAddress.parse("tcp://:2375");
        assertEquals("127.0.0.1", any.host());
        assertTrue(any.isTcp());
        assertEquals("::1", HostAddress.parse("tcp://[::1]:2375").host());
    }

    @Test
    void parse_fd_allOrOne() {
        HostAddress all = HostAddress.parse("fd://");
        assertTrue(all.isFd());
        assertEquals(0, all.port());
        assertEquals(3, HostAddress.parse("fd://3").port());
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
}
