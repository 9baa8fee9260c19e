package io.berth.gateway.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The networking sysctls Docker Engine API 1.41 {@code GET /info} reports, read as dockerd's
 * {@code pkg/sysinfo} reads them: a sysctl is on only if its file under {@code proc/sys} holds "1"; an absent
 * file (e.g. {@code net/bridge} before the br_netfilter module is loaded) or an unreadable one is off.
 *
 * @param ipv4Forwarding {@code /proc/sys/net/ipv4/ip_forward} (IPv4Forwarding)
 * @param bridgeNfIptables {@code /proc/sys/net/bridge/bridge-nf-call-iptables} (BridgeNfIptables)
 * @param bridgeNfIp6tables {@code /proc/sys/net/bridge/bridge-nf-call-ip6tables} (BridgeNfIp6tables)
 */
public record NetworkSysctls(boolean ipv4Forwarding, boolean bridgeNfIptables, boolean bridgeNfIp6tables) {
    /**
     * @param root the directory holding proc ("/" in production)
     * @return the sysctls' current values
     */
    public static NetworkSysctls read(Path root) {
        return new NetworkSysctls(on(root, "proc/sys/net/ipv4/ip_forward"),
                on(root, "proc/sys/net/bridge/bridge-nf-call-iptables"),
                on(root, "proc/sys/net/bridge/bridge-nf-call-ip6tables"));
    }

    private static boolean on(Path root, String file) {
        try {
            return Files.readString(root.resolve(file), StandardCharsets.UTF_8).trim().equals("1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
