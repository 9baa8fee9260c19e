package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One network interface's counters from a {@code /proc/<pid>/net/dev} (the counters of the network namespace
 * that process lives in; {@code /proc/net/dev} for the host's), as cAdvisor reads them for
 * {@code container_network_*_total} (cAdvisor container/libcontainer {@code networkStatsFromProc}).
 *
 * @param name the interface ("eth0", "lo")
 * @param rxBytes bytes received
 * @param rxPackets packets received
 * @param rxErrors receive errors
 * @param rxDropped packets dropped while receiving
 * @param txBytes bytes sent
 * @param txPackets packets sent
 * @param txErrors send errors
 * @param txDropped packets dropped while sending
 */
public record NetDev(String name, long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes,
                     long txPackets, long txErrors, long txDropped) {
    /**
     * @param file a {@code net/dev} file
     * @return its interfaces in file order; empty if the file cannot be read (the process is gone)
     */
    public static List<NetDev> read(Path file) {
        return parse(CgroupMounts.readOrEmpty(file));
    }

    /**
     * @param text the contents of a {@code net/dev} file: two header lines, then
     *     {@code name: rx_bytes rx_packets rx_errs rx_drop fifo frame compressed multicast tx_bytes tx_packets
     *     tx_errs tx_drop ...}
     * @return the interfaces; malformed lines are skipped
     */
    static List<NetDev> parse(String text) {
        List<NetDev> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 12) {
                continue;
            }
            try {
                out.add(new NetDev(line.substring(0, colon).trim(), Long.parseLong(f[0]), Long.parseLong(f[1]),
                        Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                        Long.parseLong(f[10]), Long.parseLong(f[11])));
            } catch (NumberFormatException e) {
                // a header line
            }
        }
        return out;
    }

    /**
     * cAdvisor leaves out the loopback and the host side of veth pairs when it reports a container's network.
     *
     * @return true for "lo"
     */
    public boolean isLoopback() {
        return "lo".equals(name);
    }
}
