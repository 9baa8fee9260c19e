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
}
