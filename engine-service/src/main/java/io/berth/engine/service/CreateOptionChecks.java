package io.berth.engine.service;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.engine.runtime.LinuxDevices;
import io.berth.engine.runtime.SecurityOptions;
import io.berth.proto.engine.v1.HostConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks of the create options of issue 10 that do not depend on the host's cgroups, with dockerd 20.10's
 * texts (moby daemon/daemon_unix.go {@code verifyPlatformContainerSettings} and
 * {@code verifyPlatformContainerResources}, runconfig/hostconfig_unix.go, the CLI's opts for sysctls), part of
 * {@link HostConfigValidator#validate}: Runtime, IpcMode/PidMode/UTSMode, OomScoreAdj, ShmSize, memory
 * swap/reservation/kernel/swappiness relations, real-time CPU, block I/O weight, SecurityOpt, Devices,
 * DeviceCgroupRules and Sysctls. All are 400s.
 */
final class CreateOptionChecks {
    /** The IPC sysctls a container may set (the CLI's {@code opts.ValidateSysctl}), besides fs.mqueue.* and net.*. */
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");
    /** dockerd's smallest kernel memory limit, 4 MiB. */
    static final long MIN_KERNEL_MEMORY = 4L * 1024 * 1024;

    private CreateOptionChecks() {
    }

    /**
     * @param hc the request's host config
     * @throws InvalidArgumentException with dockerd's message for the first bad value
     */
    static void check(HostConfig hc) {
        if (!hc.getRuntime().isEmpty() && !hc.getRuntime().equals("runc")) {
            throw new InvalidArgumentException("Unknown runtime specified " + hc.getRuntime());
        }
        modes(hc);
        if (hc.getOomScoreAdj() < -1000 || hc.getOomScoreAdj() > 1000) {
            throw new InvalidArgumentException("Invalid value " + hc.getOomScoreAdj()
                    + ", range for oom score adj is [-1000, 1000]");
        }
        if (hc.getShmSize() < 0) {
            throw new InvalidArgumentException("SHM size can not be less than 0");
        }
        memory(hc);
        if (hc.getCpuRealtimeRuntime() != 0 && hc.getCpuRealtimePeriod() != 0
                && hc.getCpuRealtimeRuntime() > hc.getCpuRealtimePeriod()) {
            throw new InvalidArgumentException("cpu real-time runtime cannot be higher than cpu real-time period");
        }
        if (hc.getCpuRealtimePeriod() < 0 || hc.getCpuRealtimeRuntime() < 0) {
            throw new InvalidArgumentException("cpu real-time period and runtime cannot be negative");
        }
        if (hc.getBlkioWeight() > 0 && (hc.getBlkioWeight() < 10 || hc.getBlkioWeight() > 1000)) {
            throw new InvalidArgumentException("Range of blkio weight is from 10 to 1000");
        }
        for (HostConfig.WeightDevice w : hc.getBlkioWeightDeviceList()) {
            if (w.getWeight() < 10 || w.getWeight() > 1000) {
                throw new InvalidArgumentException("invalid weight for device: " + w.getPath()
                        + ": Range of blkio weight is from 10 to 1000");
            }
        }
        SecurityOptions.parse(hc.getSecurityOptList());
        LinuxDevices.resolve(hc);
        LinuxDevices.checkRules(hc.getDeviceCgroupRulesList());
        sysctls(hc);
    }

    private static void modes(HostConfig hc) {
        String ipc = hc.getIpcMode();
        if (!Set.of("", "none", "private", "shareable", "host").contains(ipc) && !container(ipc)) {
            throw new InvalidArgumentException("invalid IPC mode: " + ipc);
        }
        if (!Set.of("", "host").contains(hc.getPidMode()) && !container(hc.getPidMode())) {
            throw new InvalidArgumentException("invalid PID mode: " + hc.getPidMode());
        }
        if (!Set.of("", "host").contains(hc.getUtsMode())) {
            throw new InvalidArgumentException("invalid UTS mode: " + hc.getUtsMode());
        }
        if (hc.getShmSize() > 0 && (ipc.equals("host") || container(ipc))) {
            throw new InvalidArgumentException("--shm-size cannot be used with --ipc " + ipc
                    + ": /dev/shm is that namespace's");
        }
    }

    private static boolean container(String mode) {
        return mode.startsWith("container:") && mode.length() > "container:".length();
    }

    private static void memory(HostConfig hc) {
        long memory = hc.getMemoryBytes();
        long swap = hc.getMemorySwap();
        if (swap < -1) {
            throw new InvalidArgumentException("invalid memory swap " + swap + ": -1 (unlimited) or a size in bytes");
        }
        if (memory > 0 && swap > 0 && swap < memory) {
            throw new InvalidArgumentException("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (memory == 0 && swap > 0) {
            throw new InvalidArgumentException(
                    "You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (hc.hasMemorySwappiness() && (hc.getMemorySwappiness() < 0 || hc.getMemorySwappiness() > 100)) {
            throw new InvalidArgumentException("Invalid value: " + hc.getMemorySwappiness()
                    + ", valid memory swappiness range is 0-100");
        }
        long reservation = hc.getMemoryReservation();
        if (reservation > 0 && reservation < HostConfigValidator.MIN_MEMORY) {
            throw new InvalidArgumentException("Minimum memory reservation allowed is 6MB");
        }
        if (memory > 0 && reservation > 0 && memory < reservation) {
            throw new InvalidArgumentException(
                    "Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        if (hc.getKernelMemory() > 0 && hc.getKernelMemory() < MIN_KERNEL_MEMORY) {
            throw new InvalidArgumentException("Minimum kernel memory limit allowed is 4MB");
        }
    }

    /**
     * Only namespaced sysctls (the CLI's allow list: kernel IPC keys, fs.mqueue.*, net.*), and none of a
     * namespace the container shares with the host (runc would refuse them at start).
     */
    private static void sysctls(HostConfig hc) {
        for (Map.Entry<String, String> e : new TreeMap<>(hc.getSysctlsMap()).entrySet()) {
            String k = e.getKey();
            String shown = "'" + k + "=" + e.getValue() + "'";
            boolean net = k.startsWith("net.");
            boolean ipc = IPC_SYSCTLS.contains(k) || k.startsWith("fs.mqueue.");
            if (!net && !ipc) {
                throw new InvalidArgumentException("sysctl " + shown + " is not whitelisted");
            }
            if (net && "host".equals(hc.getNetworkMode())) {
                throw new InvalidArgumentException("sysctl " + shown
                        + " is not allowed in the host's network namespace (--network host)");
            }
            if (ipc && "host".equals(hc.getIpcMode())) {
                throw new InvalidArgumentException("sysctl " + shown
                        + " is not allowed in the host's IPC namespace (--ipc host)");
            }
        }
    }
}
