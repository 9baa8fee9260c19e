package io.berth.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Service addresses as flags give them: socket paths, unix:// and tcp://, also folded by a Path. */
class ServiceAddressTest {
    @Test
    void tcp_plainAndFoldedByAPath() {
        ServiceAddress a = ServiceAddress.parse("tcp://10.0.0.5:7001");
        assertTrue(a.isTcp());
        assertEquals("10.0.0.5", a.host());
        assertEquals(7001, a.port());
        ServiceAddress folded = ServiceAddress.parse(Path.of("tcp://storage.example:7002").toString());
        assertEquals("storage.example", folded.host());
        assertEquals(7002, folded.port());
        assertEquals("tcp://[::1]:7003", ServiceAddress.parse("tcp://[::1]:7003").toString());
        assertEquals(Path.of("tcp:/h:1"), ServiceAddress.absolute(Path.of("tcp://h:1")));
    }

    @Test
    void socketPaths() {
        assertFalse(ServiceAddress.parse("/run/berth/storage.sock").isTcp());
        assertEquals(Path.of("/run/berth/storage.sock"), ServiceAddress.parse("unix:///run/berth/storage.sock").socket());
    }

    @Test
    void malformedTcp_isRefused() {
        for (String bad : new String[] {"tcp://host", "tcp://host:", "tcp://host:x", "tcp://host:70000", "tcp://:1"}) {
            assertThrows(IllegalArgumentException.class, () -> ServiceAddress.parse(bad), bad);
        }
    }
}
