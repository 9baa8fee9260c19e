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

class CgroupV1ReaderTest {
    private final Path root = Fixtures.tree("cgroup-v1");

    private ContainerStats read() {
        return new CgroupV1Reader(CgroupMounts.read(root), MachineMemory.read(root)).read(Fixtures.PID).orElseThrow();
    }

    @Test
    void forHost_choosesV1WithoutUnifiedControllers() {
        assertInstanceOf(CgroupV1Reader.class, CgroupReaders.forHost(root));
    }

    @Test
    void read_cpu_fromCpuacctInTheCombinedMount() {
        ContainerStats s = read();
        assertTrue(s.getRunning());
        assertEquals(9495151649L, s.getCpu().getTotalUsage());
        assertEquals(List.of(6277755527L, 3217396122L), s.getCpu().getPercpuUsageList());
        assertEquals(9_340_000_000L, s.getCpu().getUsageInUsermode(), "934 ticks of 10 ms");
        assertEquals(150_000_000L, s.getCpu().getUsageInKernelmode());
        assertEquals(20, s.getCpu().getPeriods());
        assertEquals(4, s.getCpu().getThrottledPeriods());
        assertEquals(123456789L, s.getCpu().getThrottledTime());
        assertEquals(0, s.getCpu().getSystemCpuUsage(), "the sampler adds the host's usage");
    }

    @Test
    void read_memory_limitCappedToMachineMemory_andDockersKeys() {
        ContainerStats s = read();
        assertEquals(70254592L, s.getMemory().getUsage());
        assertEquals(72351744L, s.getMemory().getMaxUsage());
        assertEquals(2048000L * 1024, s.getMemory().getLimit());
        assertEquals(CgroupV1Reader.MEMORY_STAT_KEYS.size(), s.getMemory().getStatsCount());
        assertEquals(32, s.getMemory().getStatsCount());
        assertEquals(270336L, s.getMemory().getStatsOrThrow("total_inactive_file"));
        assertEquals(67387392L, s.getMemory().getStatsOrThrow("cache"));
        assertEquals(9223372036854771712L, s.getMemory().getStatsOrThrow("hierarchical_memory_limit"));
        assertTrue(!s.getMemory().containsStats("shmem"), "dockerd 20.10 copies only its 32 keys");
    }

    @Test
    void read_blkio_fallsBackToThrottleFiles_skippingTotal() {
        ContainerStats s = read();
        List<BlkioEntry> bytes = s.getBlkio().getIoServiceBytesRecursiveList();
        assertEquals(6, bytes.size());
        assertEquals(BlkioEntry.newBuilder().setMajor(254).setMinor(0).setOp("Write").setValue(10485760).build(),
                bytes.get(1));
        assertEquals(6, s.getBlkio().getIoServicedRecursiveCount());
        assertEquals(0, s.getBlkio().getSectorsRecursiveCount());
    }

    @Test
    void read_pids_throughAMountWithASubtreeRoot() {
        ContainerStats s = read();
        assertEquals(4, s.getPids().getCurrent());
        assertEquals(0, s.getPids().getLimit(), "max is no limit");
    }

    @Test
    void read_goneProcess_isEmpty() {
        assertTrue(new CgroupV1Reader(CgroupMounts.read(root), 0).read(1).isEmpty());
    }
}
