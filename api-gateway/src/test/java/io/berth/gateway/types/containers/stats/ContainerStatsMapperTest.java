package io.berth.gateway.types.containers.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.berth.common.json.Json;
import io.berth.proto.monitor.v1.BlkioEntry;
import io.berth.proto.monitor.v1.BlkioStats;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.MemoryStats;
import io.berth.proto.monitor.v1.PidsStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of the stats bodies against golden files: {@code stats-zero.json} is what dockerd 20.10
 * writes for a stopped container ({@code types.StatsJSON{Name, ID}} through Go's encoder), {@code stats-v1.json}
 * a cgroup v1 sample in dockerd's field order and omitempty rules.
 */
class ContainerStatsMapperTest {
    private static final String ID = "f".repeat(64);

    private static String golden(String name) throws IOException {
        try (InputStream in = ContainerStatsMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String json(Object value) {
        return new String(Json.line(value), StandardCharsets.UTF_8);
    }

    @Test
    void notRunning_isDockersZeroValuedObject() throws IOException {
        assertEquals(golden("stats-zero.json"), json(ContainerStatsMapper.of(
                ContainerStats.newBuilder().setRunning(false).build(), "/web", ID)));
        assertEquals(golden("stats-zero.json"), json(ContainerStatsMapper.zero("/web", ID)));
    }

    @Test
    void v1Sample_matchesDockersShape() throws IOException {
        CpuStats cpu = CpuStats.newBuilder().setTotalUsage(9495151649L).addPercpuUsage(6277755527L)
                .addPercpuUsage(3217396122L).setUsageInKernelmode(150000000L).setUsageInUsermode(9340000000L)
                .setSystemCpuUsage(8416880000000L).setOnlineCpus(2).setPeriods(3).setThrottledPeriods(1)
                .setThrottledTime(500).build();
        CpuStats pre = cpu.toBuilder().setTotalUsage(9150872730L).setSystemCpuUsage(8414880000000L).build();
        ContainerStats s = ContainerStats.newBuilder().setRunning(true)
                .setRead(Timestamp.newBuilder().setSeconds(1796326379).setNanos(384634829))
                .setPreread(Timestamp.newBuilder().setSeconds(1796326378).setNanos(403649160))
                .setCpu(cpu).setPrecpu(pre)
                .setMemory(MemoryStats.newBuilder().setUsage(331776).setMaxUsage(2473984).setLimit(25276166144L)
                        .putStats("total_rss", 57344).putStats("cache", 4096).putStats("rss", 57344)
                        .putStats("hierarchical_memory_limit", 9223372036854771712L).putStats("dirty", 0))
                .setBlkio(BlkioStats.newBuilder()
                        .addIoServiceBytesRecursive(BlkioEntry.newBuilder().setMajor(254).setMinor(0).setOp("Read")
                                .setValue(4096))
                        .addIoServiceBytesRecursive(BlkioEntry.newBuilder().setMajor(254).setMinor(0).setOp("Write")
                                .setValue(10485760))
                        .addIoServicedRecursive(BlkioEntry.newBuilder().setMajor(254).setMinor(0).setOp("Read")
                                .setValue(1)))
                .setPids(PidsStats.newBuilder().setCurrent(4))
                .build();
        assertEquals(golden("stats-v1.json"), json(ContainerStatsMapper.of(s, "/web", ID)));
    }

    @Test
    void unsignedCounters_beyondALong_areWrittenUnsigned() {
        ContainerStats s = ContainerStats.newBuilder().setRunning(true)
                .setMemory(MemoryStats.newBuilder().setLimit(-1L).putStats("x", -2L)).build();
        String j = json(ContainerStatsMapper.of(s, "/web", ID));
        assertEquals(true, j.contains("\"memory_stats\":{\"stats\":{\"x\":18446744073709551614},"
                + "\"limit\":18446744073709551615}"), j);
    }
}
