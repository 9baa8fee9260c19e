package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.UpdateContainerRequest;
import org.junit.jupiter.api.Test;

class UpdateChecksTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void merge_zeroKeeps_valuesReplace_pidsZeroIsUnlimited() {
        HostConfig cur = HostConfig.newBuilder().setCpuShares(100).setMemoryBytes(64 * MIB).setPidsLimit(10).build();
        HostConfig m = UpdateChecks.merge(cur, UpdateContainerRequest.newBuilder().setMemory(100 * MIB)
                .setPidsLimit(-1).build());
        assertEquals(100, m.getCpuShares());
        assertEquals(100 * MIB, m.getMemoryBytes());
        assertEquals(128 * MIB, m.getMemorySwap()); // dockerd's 2 x memory of the create
        assertEquals(0, m.getPidsLimit());
    }

    @Test
    void merge_dockerdsConflicts() {
        HostConfig none = HostConfig.getDefaultInstance();
        ConflictException e = assertThrows(ConflictException.class,
                () -> UpdateChecks.merge(none, UpdateContainerRequest.newBuilder().setMemory(100 * MIB).build()));
        assertEquals("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at "
                + "the same time", e.getMessage());
        HostConfig nano = HostConfig.newBuilder().setNanoCpus(1_000_000_000L).build();
        e = assertThrows(ConflictException.class,
                () -> UpdateChecks.merge(nano, UpdateContainerRequest.newBuilder().setCpuQuota(50000).build()));
        assertEquals("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set",
                e.getMessage());
        HostConfig rm = HostConfig.newBuilder().setAutoRemove(true).build();
        assertThrows(ConflictException.class,
                () -> UpdateChecks.merge(rm, UpdateContainerRequest.newBuilder().setRestartPolicy("always").build()));
    }

    @Test
    void validate_dockerdsRanges() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> UpdateChecks.validate(
                UpdateContainerRequest.newBuilder().setMemory(MIB).build(), 2));
        assertEquals("Minimum memory limit allowed is 6MB", e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> UpdateChecks.validate(
                UpdateContainerRequest.newBuilder().setMemory(64 * MIB).setMemorySwap(32 * MIB).build(), 2));
        assertEquals("Minimum memoryswap limit should be larger than memory limit, see usage", e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> UpdateChecks.validate(
                UpdateContainerRequest.newBuilder().setBlkioWeight(5).build(), 2));
        assertEquals("Range of blkio weight is from 10 to 1000", e.getMessage());
    }
}
