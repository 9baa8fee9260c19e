package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.engine.container.HostConfig;
import io.berth.engine.container.HostConfigBuilder;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class CpuLimitsTest {
    private static final BitSet CPUS_0_1 = CpuLimits.parse("0-1");
    private static final BitSet NODE_0 = CpuLimits.parse("0");

    private static String error(HostConfigBuilder b) {
        return assertThrows(InvalidArgumentException.class,
                () -> CpuLimits.validate(b.build(), 2, CPUS_0_1, NODE_0)).getMessage();
    }

    @Test
    void validate_withinLimits_accepted() {
        assertDoesNotThrow(() -> CpuLimits.validate(HostConfig.builder().nanoCpus(2_000_000_000L).cpusetCpus("0,1")
                .cpusetMems("0").memory(6L << 20).build(), 2, CPUS_0_1, NODE_0));
        assertDoesNotThrow(() -> CpuLimits.validate(HostConfig.builder().cpuQuota(-1).cpuPeriod(100_000).build(), 2,
                CPUS_0_1, NODE_0));
    }

    @Test
    void validate_outOfRange_dockerdMessages() {
        assertEquals("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available",
                error(HostConfig.builder().nanoCpus(2_500_000_000L)));
        assertEquals("Conflicting options: Nano CPUs and CPU Period cannot both be set",
                error(HostConfig.builder().nanoCpus(1).cpuPeriod(100_000)));
        assertEquals("Conflicting options: Nano CPUs and CPU Quota cannot both be set",
                error(HostConfig.builder().nanoCpus(1).cpuQuota(50_000)));
        assertEquals("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)",
                error(HostConfig.builder().cpuPeriod(999)));
        assertEquals("CPU cfs quota can not be less than 1ms (i.e. 1000)", error(HostConfig.builder().cpuQuota(10)));
        assertEquals("Invalid value 0-x for cpuset cpus", error(HostConfig.builder().cpusetCpus("0-x")));
        assertEquals("Requested CPUs are not available - requested 3, available: 0-1",
                error(HostConfig.builder().cpusetCpus("3")));
        assertEquals("Minimum memory limit allowed is 6MB", error(HostConfig.builder().memory(1024)));
    }

    @Test
    void parse_kernelLists() {
        assertEquals(BitSet.valueOf(new long[] {0b10111}), CpuLimits.parse("0-2,4"));
        assertNull(CpuLimits.parse("2-1"));
        assertNull(CpuLimits.parse(""));
    }
}
