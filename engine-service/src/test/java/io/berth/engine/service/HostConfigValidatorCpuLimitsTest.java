package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class HostConfigValidatorCpuLimitsTest {
    private static final BitSet CPUS_0_1 = HostConfigValidator.parseCpuList("0-1");
    private static final BitSet NODE_0 = HostConfigValidator.parseCpuList("0");

    private static String error(HostConfig.Builder b) {
        return assertThrows(InvalidArgumentException.class,
                () -> HostConfigValidator.cpuLimits(b.build(), 2, CPUS_0_1, NODE_0)).getMessage();
    }

    @Test
    void validate_withinLimits_accepted() {
        assertDoesNotThrow(() -> HostConfigValidator.cpuLimits(HostConfig.newBuilder().setNanoCpus(2_000_000_000L)
                .setCpusetCpus("0,1").setCpusetMems("0").setMemoryBytes(6L << 20).build(), 2, CPUS_0_1, NODE_0));
        assertDoesNotThrow(() -> HostConfigValidator.cpuLimits(HostConfig.newBuilder().setCpuQuota(-1)
                .setCpuPeriod(100_000).build(), 2, CPUS_0_1, NODE_0));
    }

    @Test
    void validate_outOfRange_dockerdMessages() {
        assertEquals("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available",
                error(HostConfig.newBuilder().setNanoCpus(2_500_000_000L)));
        assertEquals("Conflicting options: Nano CPUs and CPU Period cannot both be set",
                error(HostConfig.newBuilder().setNanoCpus(1).setCpuPeriod(100_000)));
        assertEquals("Conflicting options: Nano CPUs and CPU Quota cannot both be set",
                error(HostConfig.newBuilder().setNanoCpus(1).setCpuQuota(50_000)));
        assertEquals("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)",
                error(HostConfig.newBuilder().setCpuPeriod(999)));
        assertEquals("CPU cfs quota can not be less than 1ms (i.e. 1000)",
                error(HostConfig.newBuilder().setCpuQuota(10)));
        assertEquals("Invalid value 0-x for cpuset cpus", error(HostConfig.newBuilder().setCpusetCpus("0-x")));
        assertEquals("Requested CPUs are not available - requested 3, available: 0-1",
                error(HostConfig.newBuilder().setCpusetCpus("3")));
        assertEquals("Minimum memory limit allowed is 6MB", error(HostConfig.newBuilder().setMemoryBytes(1024)));
    }

    @Test
    void parse_kernelLists() {
        assertEquals(BitSet.valueOf(new long[] {0b10111}), HostConfigValidator.parseCpuList("0-2,4"));
        assertNull(HostConfigValidator.parseCpuList("2-1"));
        assertNull(HostConfigValidator.parseCpuList(""));
    }
}
