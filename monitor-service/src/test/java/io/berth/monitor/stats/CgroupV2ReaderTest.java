package io.berth.monitor.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.cgroup.CgroupMounts;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.ContainerStats;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupV2ReaderTest {
    private final Path root = Fixtures.tree("cgroup-v2");

    private ContainerStats read() {
        return new CgroupV2Reader(CgroupMounts.read(root), MachineMemory.read(root)).read(Fixtures.PID).orElseThrow();
    }

    @Test
    void forHost_choosesV2WhenTheUnifiedHierarchyHasControllers() {
        assertInstanceOf(CgroupV2Reader.class, CgroupReaders.forHost(root));
    }

    @Test
    void read_cpu_microsecondsAsNanoseconds_noPercpu() {
        ContainerStats s = read();
        assertEquals(5_000_123_000L, s.getCpu().getTotalUsage());
        assertEquals(4_000_100_000L, s.getCpu().getUsageInUsermode());
        assertEquals(1_000_023_000L, s.getCpu().getUsageInKernelmode());
        assertEquals(0, s.getCpu().getPercpuUsageCount());
        assertEquals(10, s.getCpu().getPeriods());
        assertEquals(2, s.getCpu().getThrottledPeriods());
        assertEquals(3_500_000L, s.getCpu().getThrottledTime());
    }

    @Test
    void read_memory_maxIsTheMachinesMemory_andV2Keys() {
        ContainerStats s = read();
        assertEquals(70254592L, s.getMemory().getUsage());
        assertEquals(0, s.getMemory().getMaxUsage(), "not on v2");
        assertEquals(2048000L * 1024, s.getMemory().getLimit());
        assertEquals(31, s.getMemory().getStatsCount());
        assertEquals(1572864L, s.getMemory().getStatsOrThrow("inactive_file"));
        assertEquals(67108864L, s.getMemory().getStatsOrThrow("anon"));
        assertEquals(300000L, s.getMemory().getStatsOrThrow("slab"));
        assertTrue(!s.getMemory().containsStats("pagetables"));
    }

    @Test
    void read_io_readAndWritePerDevice() {
        List<BlkioEntry> bytes = read().getBlkio().getIoServiceBytesRecursiveList();
        assertEquals(List.of(
                BlkioEntry.newBuilder().setMajor(254).setMinor(0).setOp("read").setValue(4096).build(),
                BlkioEntry.newBuilder().setMajor(254).setMinor(0).setOp("write").setValue(10485760).build(),
                BlkioEntry.newBuilder().setMajor(8).setMinor(16).setOp("read").setValue(512).build(),
                BlkioEntry.newBuilder().setMajor(8).setMinor(16).setOp("write").setValue(0).build()), bytes);
        assertEquals(0, read().getBlkio().getIoServicedRecursiveCount());
    }

    @Test
    void read_pids() {
        assertEquals(4, read().getPids().getCurrent());
        assertEquals(64, read().getPids().getLimit());
    }

    @Test
    void hostCpu_sumsSevenFieldsInNanoseconds_andCountsCpus() {
        HostCpu.Usage u = new HostCpu(root).read();
        assertEquals((100 + 2 + 30 + 1000 + 5 + 1 + 2) * 10_000_000L, u.systemUsage(), "steal is not counted");
        assertEquals(2, u.onlineCpus());
    }
}
