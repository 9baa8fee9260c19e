package io.berth.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostAddressTest {
    @Test
    void unixSocket_acceptsUnixUrlsAndPaths() {
        assertEquals(Path.of("/tmp/x.sock"), HostAddress.unixSocket("unix:///tmp/x.sock"));
        assertEquals(Path.of("/var/run/docker.sock"), HostAddress.unixSocket("unix://"));
        assertEquals(Path.of("/tmp/y.sock"), HostAddress.unixSocket("/tmp/y.sock"));
    }

    @Test
    void unixSocket_tcpIsNotSupportedYet() {
        NotImplementedException e = assertThrows(NotImplementedException.class,
                () -> HostAddress.unixSocket("tcp://0.0.0.0:2375"));
        assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
    }

    @Test
    void unixSocket_garbageIsInvalid() {
        assertThrows(InvalidArgumentException.class, () -> HostAddress.unixSocket("docker.sock"));
    }
}
