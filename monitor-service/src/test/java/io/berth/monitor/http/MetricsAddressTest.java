package io.berth.monitor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsAddressTest {
    @Test
    void parse_takesGosListenAddresses() {
        assertEquals(9323, MetricsAddress.parse(MetricsAddress.DEFAULT).getPort());
        assertEquals("127.0.0.1", MetricsAddress.parse("127.0.0.1:9323").getHostString());
        assertTrue(MetricsAddress.parse(":9323").getAddress().isAnyLocalAddress());
        assertEquals(1, MetricsAddress.parse("[::1]:1").getPort());
        assertNull(MetricsAddress.parse(""));
    }

    @Test
    void parse_refusesAnAddressWithoutAGoodPort() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse("localhost"))
                .getMessage().contains("missing port"));
        assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse("127.0.0.1:70000"));
    }
}
