package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.UpdateContainerRequest;

/**
 * dockerd 20.10's rules for {@code POST /containers/{id}/update} (Engine API 1.41): the request's own values are
 * checked as at create ({@code verifyContainerSettings(hostConfig, nil, update=true)}, daemon_unix.go
 * {@code verifyPlatformContainerResources}: 400), then merged into the container's HostConfig as moby's
 * container/container_unix.go {@code UpdateContainer} does: a zero value leaves the setting as it is, NanoCpus
 * and CpuPeriod/CpuQuota exclude each other across the update, and a memory limit above the swap limit already
 * set needs the swap at the same time (409, dockerd's {@code conflictingUpdateOptions}).
 */
public final class UpdateChecks {
    private UpdateChecks() {
    }

    /**
     * @param u the update request
     * @return the request's resources as a HostConfig (for the create-time checks)
     */
    static HostConfig delta(UpdateContainerRequest u) {
        return HostConfig.newBuilder().setMemoryBytes(u.getMemory()).setMemorySwap(u.getMemorySwap())
                .setMemoryReservation(u.getMemoryReservation()).setCpuShares(u.getCpuShares())
                .setNanoCpus(u.getNanoCpus()).setCpuPeriod(u.getCpuPeriod()).setCpuQuota(u.getCpuQuota())
                .setCpusetCpus(u.getCpusetCpus()).setCpusetMems(u.getCpusetMems()).setBlkioWeight(u.getBlkioWeight())
                .build();
    }

    /**
     * The request's own checks (400), as dockerd's verifyPlatformContainerResources with update=true.
     *
     * @param u the update request
     * @param cpus the number of CPUs
     * @throws InvalidArgumentException with dockerd's message
     */
    static void validate(UpdateContainerRequest u, int cpus) {
        if (u.getKernelMemory() != 0) {
            throw new InvalidArgumentException("berth does not support KernelMemory (deprecated by dockerd 20.10)");
        }
        if (u.getCpuRealtimePeriod() != 0 || u.getCpuRealtimeRuntime() != 0) {
            throw new InvalidArgumentException("berth does not support CpuRealtimePeriod and CpuRealtimeRuntime");
        }
        HostConfig d = delta(u);
        HostConfigValidator.cpuLimits(d, cpus, HostConfigValidator.online("/sys/devices/system/cpu/online"),
                HostConfigValidator.online("/sys/devices/system/node/online"));
        if (u.getMemory() > 0 && u.getMemorySwap() > 0 && u.getMemorySwap() < u.getMemory()) {
            throw new InvalidArgumentException("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (u.getMemory() > 0 && u.getMemoryReservation() > 0 && u.getMemory() < u.getMemoryReservation()) {
            throw new InvalidArgumentException(
                    "Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        if (u.getMemoryReservation() > 0 && u.getMemoryReservation() < HostConfigValidator.MIN_MEMORY) {
            throw new InvalidArgumentException("Minimum memory reservation allowed is 6MB");
        }
        if (u.getBlkioWeight() > 0 && (u.getBlkioWeight() < 10 || u.getBlkioWeight() > 1000)) {
            throw new InvalidArgumentException("Range of blkio weight is from 10 to 1000");
        }
        if (!u.getRestartPolicy().isEmpty()) {
            HostConfigValidator.restartPolicy(u.getRestartPolicy(), u.getRestartMaxRetries());
        }
    }

    /**
     * moby's {@code Container.UpdateContainer}: merges the update into the current HostConfig.
     *
     * @param current the container's HostConfig
     * @param u the update request (already {@link #validate validated})
     * @return the new HostConfig
     * @throws ConflictException with dockerd's "Conflicting options: ..." and memoryswap texts
     */
    static HostConfig merge(HostConfig current, UpdateContainerRequest u) {
        if (u.getNanoCpus() > 0 && current.getCpuPeriod() > 0) {
            throw new ConflictException(
                    "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        }
        if (u.getNanoCpus() > 0 && current.getCpuQuota() > 0) {
            throw new ConflictException(
                    "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        }
        if (u.getCpuPeriod() > 0 && current.getNanoCpus() > 0) {
            throw new ConflictException(
                    "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (u.getCpuQuota() > 0 && current.getNanoCpus() > 0) {
            throw new ConflictException(
                    "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        HostConfig.Builder b = current.toBuilder();
        if (current.getMemorySwap() == 0 && current.getMemoryBytes() > 0) {
            b.setMemorySwap(current.getMemoryBytes() * 2); // what dockerd stored at create for -m without swap
        }
        if (u.getBlkioWeight() != 0) {
            b.setBlkioWeight(u.getBlkioWeight());
        }
        if (u.getCpuShares() != 0) {
            b.setCpuShares(u.getCpuShares());
        }
        if (u.getNanoCpus() != 0) {
            b.setNanoCpus(u.getNanoCpus());
        }
        if (u.getCpuPeriod() != 0) {
            b.setCpuPeriod(u.getCpuPeriod());
        }
        if (u.getCpuQuota() != 0) {
            b.setCpuQuota(u.getCpuQuota());
        }
        if (!u.getCpusetCpus().isEmpty()) {
            b.setCpusetCpus(u.getCpusetCpus());
        }
        if (!u.getCpusetMems().isEmpty()) {
            b.setCpusetMems(u.getCpusetMems());
        }
        if (u.getMemory() != 0) {
            if (u.getMemory() > b.getMemorySwap() && u.getMemorySwap() == 0) {
                throw new ConflictException("Memory limit should be smaller than already set memoryswap limit, "
                        + "update the memoryswap at the same time");
            }
            b.setMemoryBytes(u.getMemory());
        }
        if (u.getMemorySwap() != 0) {
            b.setMemorySwap(u.getMemorySwap());
        }
        if (u.getMemoryReservation() != 0) {
            b.setMemoryReservation(u.getMemoryReservation());
        }
        if (u.hasPidsLimit()) {
            b.setPidsLimit(u.getPidsLimit() > 0 ? u.getPidsLimit() : 0);
        }
        if (!u.getRestartPolicy().isEmpty()) {
            boolean none = u.getRestartPolicy().equals("no");
            if (current.getAutoRemove() && !none) {
                throw new ConflictException(
                        "Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            b.setRestartPolicy(u.getRestartPolicy()).setRestartMaxRetries(u.getRestartMaxRetries());
        }
        return b.build();
    }
}
