package io.berth.monitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.berth.monitor.stats.ContainerSample;
import io.berth.monitor.stats.NetDev;
import io.berth.monitor.stats.RunningContainers;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.BlkioStats;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.MemoryStats;
import io.berth.proto.monitor.v1.PidsStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
    static ContainerSample sample(String id, long seconds, long cpuNanos, long written, long rx) {
        ContainerStats s = ContainerStats.newBuilder().setRunning(true)
                .setRead(Timestamp.newBuilder().setSeconds(seconds))
                .setCpu(CpuStats.newBuilder().setTotalUsage(cpuNanos))
                .setMemory(MemoryStats.newBuilder().setUsage(64 << 20).putStats("total_cache", 0)
                        .putStats("total_inactive_file", 16 << 20))
                .setBlkio(BlkioStats.newBuilder().addIoServiceBytesRecursive(
                        BlkioEntry.newBuilder().setMajor(8).setOp("Write").setValue(written)))
                .setPids(PidsStats.newBuilder().setCurrent(3))
                .build();
        return new ContainerSample(new RunningContainers.Running(id, 10), s,
                List.of(new NetDev("lo", 999, 0, 0, 0, 999, 0, 0, 0), new NetDev("eth0", rx, 0, 0, 0, 0, 0, 0, 0)),
                "/berth/" + id);
    }

    @Test
    void record_turnsTwoCumulativeSamplesIntoOnePointOfRates() {
        History h = new History();
        h.record(List.of(sample("a", 100, 0, 0, 0)));
        assertTrue(h.latestPoints().isEmpty(), "the first sample only primes the rates");
        h.record(List.of(sample("a", 102, 1_000_000_000L, 10 << 20, 2000)));
        double[] p = h.latestPoints().get("a");
        assertEquals(0.5, p[0], 1e-9, "1 s of CPU in 2 s: half a core");
        assertEquals(64 << 20, p[1]);
        assertEquals(48 << 20, p[2], "working set: usage minus inactive file");
        assertEquals(1000, p[3], 1e-9, "rx bytes/s without lo");
        assertEquals(5 << 20, p[6], 1e-9, "written bytes/s");
        assertEquals(3, p[7]);
        double[][] cols = h.containerSeries().get(0).columns();
        assertEquals(1, cols[0].length);
        assertEquals(102.0, cols[0][0]);
    }

    @Test
    void record_forgetsAContainerThatIsNoLongerSampled() {
        History h = new History();
        h.record(List.of(sample("a", 100, 0, 0, 0)));
        h.record(List.of(sample("a", 101, 1, 0, 0)));
        h.record(List.of());
        assertTrue(h.containerSeries().isEmpty());
    }

    @Test
    void recordHost_givesBusyPercentAndRates() {
        History h = new History();
        assertNull(h.recordHost(new HostReader.Counters(100, 1000, 2, 1000, 500, 0, 0, 0, 0, 10, 5), 1000));
        double[] p = h.recordHost(new HostReader.Counters(150, 1100, 2, 1000, 600, 4096, 0, 0, 8192, 10, 5), 3000);
        assertEquals(50.0, p[0], 1e-9, "50 of 100 ticks busy");
        assertEquals(600, p[1]);
        assertEquals(2048, p[2], 1e-9);
        assertEquals(4096, p[5], 1e-9);
        assertEquals(1, h.hostColumns()[0].length);
    }
}
