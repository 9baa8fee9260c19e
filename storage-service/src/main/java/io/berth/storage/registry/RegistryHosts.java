package io.berth.storage.registry;

import io.berth.common.errors.InvalidArgumentException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which scheme reaches a registry, as dockerd decides it (registry/config.go {@code isSecureIndex}): plain HTTP
 * for {@code localhost}, any host in 127.0.0.0/8 or ::1, and every {@code --insecure-registry} entry (a
 * {@code host[:port]} or an IPv4 CIDR such as {@code 10.0.0.0/8}); HTTPS with the JDK's trust store for
 * everything else. Docker Hub ({@code docker.io}) is {@code https://registry-1.docker.io}.
 *
 * <p>Difference from dockerd: for an insecure registry dockerd first tries HTTPS without certificate checks and
 * falls back to HTTP; berth goes to HTTP directly.
 */
public final class RegistryHosts {
    private final List<String> insecureHosts = new ArrayList<>();
    private final List<int[]> insecureNets = new ArrayList<>();

    /**
     * @param insecure berthd's {@code --insecure-registry} values
     * @throws InvalidArgumentException for a malformed CIDR
     */
    public RegistryHosts(List<String> insecure) {
        for (String s : insecure) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("http://") || v.startsWith("https://")) {
                v = v.substring(v.indexOf("://") + 3);
            }
            if (v.endsWith("/")) {
                v = v.substring(0, v.length() - 1);
            }
            int slash = v.indexOf('/');
            if (slash > 0) {
                insecureNets.add(cidr(v, slash));
            } else if (!v.isEmpty()) {
                insecureHosts.add(v);
            }
        }
    }

    private static int[] cidr(String v, int slash) {
        try {
            byte[] a = InetAddress.getByName(v.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(v.substring(slash + 1));
            if (a.length != 4 || bits < 0 || bits > 32) {
                throw new NumberFormatException();
            }
            return new int[] {toInt(a), bits};
        } catch (UnknownHostException | NumberFormatException e) {
            throw new InvalidArgumentException("invalid --insecure-registry CIDR \"" + v + "\"");
        }
    }

    private static int toInt(byte[] a) {
        return (a[0] & 0xff) << 24 | (a[1] & 0xff) << 16 | (a[2] & 0xff) << 8 | (a[3] & 0xff);
    }

    /**
     * @param domain a reference's domain, e.g. {@code 127.0.0.1:5000}, {@code docker.io}
     * @return the registry's base URI, e.g. {@code http://127.0.0.1:5000}
     */
    public URI base(String domain) {
        if (domain.equals("docker.io")) {
            return URI.create("https://registry-1.docker.io");
        }
        return URI.create((insecure(domain) ? "http://" : "https://") + domain);
    }

    /**
     * @param domain {@code host[:port]}
     * @return true if the registry is reached with plain HTTP
     */
    public boolean insecure(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (insecureHosts.contains(d)) {
            return true;
        }
        String host = hostOf(d);
        if (host.equals("localhost") || insecureHosts.contains(host)) {
            return true;
        }
        byte[] ip = literal(host);
        if (ip == null) {
            return false;
        }
        if (ip.length == 16) {
            return host.equals("::1") || host.equals("[::1]") || InetAddressCheck.loopback(ip);
        }
        int addr = toInt(ip);
        if ((addr >>> 24) == 127) {
            return true;
        }
        for (int[] net : insecureNets) {
            int mask = net[1] == 0 ? 0 : -1 << (32 - net[1]);
            if ((addr & mask) == (net[0] & mask)) {
                return true;
            }
        }
        return false;
    }

    private static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            int end = domain.indexOf(']');
            return end > 0 ? domain.substring(1, end) : domain;
        }
        int colon = domain.lastIndexOf(':');
        return colon > 0 && domain.indexOf(':') == colon ? domain.substring(0, colon) : domain;
    }

    /** An IP literal's bytes without a DNS lookup, or null for a name. */
    private static byte[] literal(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** IPv6 loopback test. */
    private static final class InetAddressCheck {
        static boolean loopback(byte[] ip) {
            for (int i = 0; i < 15; i++) {
                if (ip[i] != 0) {
                    return false;
                }
            }
            return ip[15] == 1;
        }
    }
}
