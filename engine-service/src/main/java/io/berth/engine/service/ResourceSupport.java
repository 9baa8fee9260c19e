package io.berth.engine.service;

import io.berth.common.cgroup.CgroupSupport;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import java.util.List;

/**
 * What dockerd 20.10 does at create to the resource limits a host's cgroups cannot apply (moby
 * daemon/daemon_unix.go {@code adaptContainerSettings} and {@code verifyPlatformContainerResources}): the
 * default MemorySwap of twice Memory, and for each control the host lacks ({@link CgroupSupport}), dockerd's
 * warning (returned in the create's {@code Warnings}, which the docker CLI prints) with the value discarded
 * as dockerd discards it, so that inspect shows what applies; CPU real-time limits without the kernel's
 * support are a 400, as dockerd's. KernelMemory warns that it is deprecated and is always discarded: runc 1.1
 * ignores it.
 */
final class ResourceSupport {
    private ResourceSupport() {
    }

    /**
     * @param hc the checked host config
     * @param cg what the host's cgroups offer
     * @param warnings receives dockerd's warnings
     * @return the host config as it will be kept
     * @throws InvalidArgumentException "Your kernel does not support CPU real-time scheduler"
     */
    static HostConfig adapt(HostConfig hc, CgroupSupport cg, List<String> warnings) {
        HostConfig.Builder b = hc.toBuilder();
        if (b.getMemoryBytes() > 0 && b.getMemorySwap() == 0) {
            b.setMemorySwap(b.getMemoryBytes() * 2);
        }
        if (b.getMemoryBytes() > 0 && b.getMemorySwap() != -1 && !cg.swapLimit()) {
            warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted."
                    + " Memory limited without swap.");
            b.setMemorySwap(-1);
        }
        if (b.hasMemorySwappiness() && !cg.memorySwappiness()) {
            warnings.add("Your kernel does not support memory swappiness capabilities or the cgroup is not mounted."
                    + " Memory swappiness discarded.");
            b.clearMemorySwappiness();
        }
        if (b.getMemoryReservation() > 0 && !cg.memoryReservation()) {
            warnings.add("Your kernel does not support memory soft limit capabilities or the cgroup is not mounted."
                    + " Limitation discarded.");
            b.setMemoryReservation(0);
        }
        if (b.getKernelMemory() > 0) {
            warnings.add("Specifying a kernel memory limit is deprecated and will be removed in a future release.");
            // runc 1.1 (Debian's) ignores kernel memory limits ("Kernel memory settings are ignored"), so berth never
            // passes one on, whatever the cgroup files say.
            warnings.add("Your kernel does not support kernel memory limit capabilities or the cgroup is not"
                    + " mounted. Limitation discarded.");
            b.setKernelMemory(0);
        }
        if (b.getOomKillDisable() && !cg.oomKillDisable()) {
            warnings.add("Your kernel does not support OomKillDisable. OomKillDisable discarded.");
            b.setOomKillDisable(false);
        }
        if (b.getOomKillDisable() && b.getMemoryBytes() == 0) {
            warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can result in"
                    + " the system running out of resources.");
        }
        if ((b.getCpuRealtimePeriod() != 0 || b.getCpuRealtimeRuntime() != 0) && !cg.cpuRealtime()) {
            throw new InvalidArgumentException("Your kernel does not support CPU real-time scheduler");
        }
        if (b.getBlkioWeight() > 0 && !cg.blkioWeight()) {
            warnings.add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight"
                    + " discarded.");
            b.setBlkioWeight(0);
        }
        if (b.getBlkioWeightDeviceCount() > 0 && !cg.blkioWeightDevice()) {
            warnings.add("Your kernel does not support Block I/O weight_device or the cgroup is not mounted."
                    + " Weight-device discarded.");
            b.clearBlkioWeightDevice();
        }
        if (b.getBlkioDeviceReadBpsCount() > 0 && !cg.blkioReadBpsDevice()) {
            warnings.add("Your kernel does not support BPS Block I/O read limit or the cgroup is not mounted."
                    + " Block I/O BPS read limit discarded.");
            b.clearBlkioDeviceReadBps();
        }
        if (b.getBlkioDeviceWriteBpsCount() > 0 && !cg.blkioWriteBpsDevice()) {
            warnings.add("Your kernel does not support BPS Block I/O write limit or the cgroup is not mounted."
                    + " Block I/O BPS write limit discarded.");
            b.clearBlkioDeviceWriteBps();
        }
        if (b.getBlkioDeviceReadIopsCount() > 0 && !cg.blkioReadIOpsDevice()) {
            warnings.add("Your kernel does not support IOPS Block read limit or the cgroup is not mounted."
                    + " Block I/O IOPS read limit discarded.");
            b.clearBlkioDeviceReadIops();
        }
        if (b.getBlkioDeviceWriteIopsCount() > 0 && !cg.blkioWriteIOpsDevice()) {
            warnings.add("Your kernel does not support IOPS Block write limit or the cgroup is not mounted."
                    + " Block I/O IOPS write limit discarded.");
            b.clearBlkioDeviceWriteIops();
        }
        return b.build();
    }
}
