package io.berth.gateway.types.system;

import io.berth.common.net.HostAddress;
import io.berth.gateway.host.CgroupSupport;
import io.berth.gateway.host.NetworkSysctls;
import io.berth.gateway.tls.TlsSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * SystemInfo.Warnings as dockerd 20.10 (API 1.41) writes them, in its order: the cgroup controls the host
 * lacks (moby {@code daemon/info_unix.go} fillPlatformInfo, with the cgroup v1/v2 distinctions it makes),
 * then the networking sysctls that are off, then the storage driver's d_type warning (fillDriverWarnings).
 */
public final class InfoWarnings {
    private InfoWarnings() {
    }

    /**
     * @param cgroupVersion "1" or "2"
     * @param c the measured cgroup controls
     * @param net the measured sysctls
     * @param driver the storage driver's name ("overlay2")
     * @param driverStatus the driver's [key, value] pairs; a "Supports d_type" of "false" warns
     * @return the warnings, empty when nothing is missing
     */
    public static List<String> of(String cgroupVersion, CgroupSupport c, NetworkSysctls net, String driver,
                                  List<List<String>> driverStatus) {
        boolean v1 = !"2".equals(cgroupVersion);
        List<String> w = new ArrayList<>();
        warnUnless(w, c.memoryLimit(), "WARNING: No memory limit support");
        warnUnless(w, c.swapLimit(), "WARNING: No swap limit support");
        // dockerd warns about kernel memory TCP and OOM-kill-disable only on v1: v2 has neither.
        warnUnless(w, c.kernelMemoryTcp() || !v1, "WARNING: No kernel memory TCP limit support");
        warnUnless(w, c.oomKillDisable() || !v1, "WARNING: No oom kill disable support");
        warnUnless(w, c.cpuCfs(), "WARNING: No cpu cfs quota support");
        warnUnless(w, c.cpuCfs(), "WARNING: No cpu cfs period support");
        warnUnless(w, c.cpuShares(), "WARNING: No cpu shares support");
        warnUnless(w, c.cpuSet(), "WARNING: No cpuset support");
        // blkio weight was removed from cgroup v1 in kernel 5.0: dockerd warns about it only on v2 (io.weight).
        warnUnless(w, c.blkioWeight() || v1, "WARNING: No io.weight support");
        warnUnless(w, c.blkioWeightDevice() || v1, "WARNING: No io.weight (per device) support");
        warnUnless(w, c.blkioReadBpsDevice(), v1 ? "WARNING: No blkio throttle.read_bps_device support"
                : "WARNING: No io.max (rbps) support");
        warnUnless(w, c.blkioWriteBpsDevice(), v1 ? "WARNING: No blkio throttle.write_bps_device support"
                : "WARNING: No io.max (wbps) support");
        warnUnless(w, c.blkioReadIOpsDevice(), v1 ? "WARNING: No blkio throttle.read_iops_device support"
                : "WARNING: No io.max (riops) support");
        warnUnless(w, c.blkioWriteIOpsDevice(), v1 ? "WARNING: No blkio throttle.write_iops_device support"
                : "WARNING: No io.max (wiops) support");
        warnUnless(w, net.ipv4Forwarding(), "WARNING: IPv4 forwarding is disabled");
        warnUnless(w, net.bridgeNfIptables(), "WARNING: bridge-nf-call-iptables is disabled");
        warnUnless(w, net.bridgeNfIp6tables(), "WARNING: bridge-nf-call-ip6tables is disabled");
        if ("false".equals(status(driverStatus, "Supports d_type"))) {
            String backingFs = status(driverStatus, "Backing Filesystem");
            String msg = "WARNING: " + driver + ": the backing " + (backingFs == null ? "" : backingFs)
                    + " filesystem is formatted without d_type support, which leads to incorrect behavior.\n";
            if ("xfs".equals(backingFs)) {
                msg += "         Reformat the filesystem with ftype=1 to enable d_type support.\n";
            }
            w.add(msg + "         Running without d_type support will not be supported in future releases.");
        }
        return w;
    }

    private static final String ATTACK_SURFACE = "\n         Access to the remote API is equivalent to root access on "
            + "the host. Refer\n         to the 'Docker daemon attack surface' section in the documentation for\n"
            + "         more information: https://docs.docker.com/go/attack-surface/";

    /**
     * dockerd 20.10's {@code fillAPIInfo}: one warning per TCP listener served without TLS ("API is accessible on
     * http://0.0.0.0:2375 without encryption.") or with TLS but no client verification ("... on https://...
     * without TLS client verification."), each followed by the attack-surface paragraph.
     *
     * @param hosts the {@code -H} addresses
     * @param tls the TLS flags
     * @return the warnings, in the order of the addresses
     */
    public static List<String> api(List<HostAddress> hosts, TlsSettings tls) {
        List<String> w = new ArrayList<>();
        for (HostAddress h : hosts) {
            if (!h.isTcp()) {
                continue;
            }
            String addr = h.spec().trim().substring("tcp://".length());
            if (!tls.enabled()) {
                w.add("WARNING: API is accessible on http://" + addr + " without encryption." + ATTACK_SURFACE);
            } else if (!tls.verify()) {
                w.add("WARNING: API is accessible on https://" + addr + " without TLS client verification."
                        + ATTACK_SURFACE);
            }
        }
        return w;
    }

    private static void warnUnless(List<String> warnings, boolean supported, String warning) {
        if (!supported) {
            warnings.add(warning);
        }
    }

    private static String status(List<List<String>> driverStatus, String key) {
        for (List<String> pair : driverStatus) {
            if (pair.size() == 2 && pair.get(0).equals(key)) {
                return pair.get(1);
            }
        }
        return null;
    }
}
