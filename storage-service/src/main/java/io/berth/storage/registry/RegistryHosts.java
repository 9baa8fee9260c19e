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
 * <p>An {@code --insecure-registry} entry is tried over HTTPS without certificate checks first and over HTTP
 * after (dockerd's {@code lookupV2Endpoints}: both endpoints, TLS {@code InsecureSkipVerify}), {@link #bases};
 * loopback registries go to HTTP directly (dockerd also tries HTTPS first there; berth's tests and users run
 * plain local registries, so no probe is spent on them).
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
     * @return the last endpoint of {@link #bases} (plain HTTP for an insecure registry), e.g.
     *     {@code http://127.0.0.1:5000}: where a request goes that is not worth a probe (v1 search)
     */
    public URI base(String domain) {
        List<URI> all = bases(domain);
        return all.get(all.size() - 1);
    }

    /**
     * The endpoints to try, in order (dockerd's {@code lookupV2Endpoints}).
     *
     * @param domain a reference's domain
     * @return {@code [https]} for a secure registry, {@code [http]} for a loopback one, and {@code [https, http]}
     *     for an {@code --insecure-registry} entry (the HTTPS one without certificate checks)
     */
    public List<URI> bases(String domain) {
        if (domain.equals("docker.io")) {
            return List.of(URI.create("https://registry-1.docker.io"));
        }
        if (loopback(domain)) {
            return List.of(URI.create("http://" + domain));
        }
        if (flagged(domain)) {
            return List.of(URI.create("https://" + domain), URI.create("http://" + domain));
        }
        return List.of(URI.create("https://" + domain));
    }

    /**
     * @param domain {@code host[:port]}
     * @return true if the registry may be reached with plain HTTP (loopback or {@code --insecure-registry})
     */
    public boolean insecure(String domain) {
        return loopback(domain) || flagged(domain);
    }

    private static boolean loopback(String domain) {
        String host = hostOf(domain.toLowerCase(Locale.ROOT));
        if (host.equals("localhost")) {
            return true;
        }
        byte[] ip = literal(host);
        if (ip == null) {
            return false;
        }
        if (ip.length == 16) {
            return host.equals("::1") || host.equals("[::1]") || InetAddressCheck.loopback(ip);
        }
        return (toInt(ip) >>> 24) == 127;
    }

    /** @return true if an {@code --insecure-registry} entry (host[:port] or CIDR) names the domain */
    private boolean flagged(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String host = hostOf(d);
        if (insecureHosts.contains(d) || insecureHosts.contains(host)) {
            return true;
        }
        byte[] ip = literal(host);
        if (ip == null || ip.length != 4) {
            return false;
        }
        int addr = toInt(ip);
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
