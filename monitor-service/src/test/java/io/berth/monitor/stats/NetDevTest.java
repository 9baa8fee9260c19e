package io.berth.monitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetDevTest {
    static final String NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:    1234      10    0    0    0     0          0         0     1234      10    0    0    0     0       0          0
              eth0: 5000000    4000    1    2    0     0          0         0   300000    2000    3    4    0     0       0          0
            """;

    @Test
    void parse_readsEveryInterfacesCounters() {
        List<NetDev> devs = NetDev.parse(NET_DEV);
        assertEquals(2, devs.size());
        assertTrue(devs.get(0).isLoopback());
        assertEquals(new NetDev("eth0", 5_000_000, 4000, 1, 2, 300_000, 2000, 3, 4), devs.get(1));
    }

    @Test
    void read_ofAGoneProcess_isEmpty() {
        assertEquals(List.of(), NetDev.read(Path.of("/proc/999999999/net/dev")));
    }
}
