package io.berth.engine.service;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.engine.container.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * Checks the CPU and memory limits of a HostConfig as dockerd 20.10 does (moby daemon/daemon_unix.go
 * {@code verifyPlatformContainerResources}), with its messages: NanoCpus excludes CpuPeriod and CpuQuota
 * and is at most the number of CPUs; CpuPeriod is 1000–1000000 µs; CpuQuota is at least 1000 µs;
 * CpusetCpus/CpusetMems are lists like "0-2,4" of online CPUs / memory nodes; Memory is at least 6 MB.
 */
public final class CpuLimits {
    /** dockerd's smallest memory limit, 6 MiB. */
    public static final long MIN_MEMORY = 6L * 1024 * 1024;
    private static final Pattern LIST = Pattern.compile("^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$");

    private CpuLimits() {
    }

    /**
     * @param hc the host config
     * @throws InvalidArgumentException with dockerd's message
     */
    public static void validate(HostConfig hc) {
        validate(hc, Runtime.getRuntime().availableProcessors(), online("/sys/devices/system/cpu/online"),
                online("/sys/devices/system/node/online"));
    }

    /**
     * @param hc the host config
     * @param cpus the number of CPUs the engine may use
     * @param onlineCpus the online CPUs (null = not known, not checked)
     * @param onlineMems the online memory nodes (null = not known, not checked)
     * @throws InvalidArgumentException with dockerd's message
     */
    static void validate(HostConfig hc, int cpus, BitSet onlineCpus, BitSet onlineMems) {
        if (hc.memory() != 0 && hc.memory() < MIN_MEMORY) {
            throw new InvalidArgumentException("Minimum memory limit allowed is 6MB");
        }
        if (hc.nanoCpus() > 0 && hc.cpuPeriod() > 0) {
            throw new InvalidArgumentException("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (hc.nanoCpus() > 0 && hc.cpuQuota() > 0) {
            throw new InvalidArgumentException("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        }
        if (hc.nanoCpus() < 0 || hc.nanoCpus() > cpus * 1_000_000_000L) {
            throw new InvalidArgumentException("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                    + cpus + " CPUs available");
        }
        if (hc.cpuPeriod() != 0 && (hc.cpuPeriod() < 1000 || hc.cpuPeriod() > 1_000_000)) {
            throw new InvalidArgumentException(
                    "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (hc.cpuQuota() > 0 && hc.cpuQuota() < 1000) {
            throw new InvalidArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
        if (hc.cpuShares() < 0) {
            throw new InvalidArgumentException("shares: invalid argument");
        }
        cpuset(hc.cpusetCpus(), onlineCpus, "cpus", "CPUs");
        cpuset(hc.cpusetMems(), onlineMems, "mems", "memory nodes");
    }

    private static void cpuset(String value, BitSet online, String what, String plural) {
        if (value.isEmpty()) {
            return;
        }
        BitSet requested = parse(value);
        if (requested == null) {
            throw new InvalidArgumentException("Invalid value " + value + " for cpuset " + what);
        }
        if (online != null) {
            BitSet missing = (BitSet) requested.clone();
            missing.andNot(online);
            if (!missing.isEmpty()) {
                throw new InvalidArgumentException("Requested " + plural + " are not available - requested "
                        + value + ", available: " + format(online));
            }
        }
    }

    /**
     * @param list a kernel list like "0-2,4"
     * @return its members, or null if malformed
     */
    static BitSet parse(String list) {
        if (!LIST.matcher(list).matches()) {
            return null;
        }
        BitSet out = new BitSet();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            try {
                int from = Integer.parseInt(range[0]);
                int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
                if (to < from || to > 8191) {
                    return null;
                }
                out.set(from, to + 1);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static BitSet online(String file) {
        try {
            return parse(String.join("", Files.readAllLines(Path.of(file))).trim());
        } catch (IOException e) {
            return null;
        }
    }

    private static String format(BitSet set) {
        StringBuilder out = new StringBuilder();
        for (int i = set.nextSetBit(0); i >= 0; ) {
            int end = set.nextClearBit(i) - 1;
            out.append(out.length() == 0 ? "" : ",").append(i).append(i == end ? "" : "-" + end);
            i = set.nextSetBit(end + 1);
        }
        return out.toString();
    }
}
