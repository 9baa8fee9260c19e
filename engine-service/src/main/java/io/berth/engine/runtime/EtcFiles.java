package io.berth.engine.runtime;

import io.berth.common.fs.AtomicFiles;
import io.berth.engine.container.ContainerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the files dockerd bind-mounts over a container's /etc/hostname, /etc/hosts and /etc/resolv.conf
 * (kept in {@code <data-root>/containers/<id>/}), as moby libnetwork's sandbox {@code buildHostsFile} and
 * {@code updateHostsFile} (etchosts {@code Build}, {@code Add}) write them: hosts has the localhost entries
 * (or for NetworkMode "host" a copy of the host's /etc/hosts), then one {@code IP<tab>name} line per ExtraHosts
 * entry ({@code --add-host name:IP}), then one line per address of the container on its networks:
 * {@code 172.18.0.2<tab>abc123def456}, or with a domain ({@code --domainname example.com}, or a hostname with a
 * dot) {@code 172.18.0.2<tab>abc123def456.example.com abc123def456}. resolv.conf is {@link ResolvConf}'s.
 */
public final class EtcFiles {
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final Path HOST_HOSTS = Path.of("/etc/hosts");

    private EtcFiles() {
    }

    /**
     * @param r the container (its paths and hostname)
     * @throws IOException if a file cannot be written
     */
    public static void write(ContainerRecord r) throws IOException {
        write(r, List.of());
    }

    /**
     * @param r the container (its paths, hostname and host config)
     * @param addresses its own addresses on its networks, each written with its hostname
     * @throws IOException if a file cannot be written
     */
    public static void write(ContainerRecord r, List<String> addresses) throws IOException {
        write(r, addresses, HOST_HOSTS, HOST_RESOLV_CONF);
    }

    /**
     * @param r the container (its paths, hostname and host config)
     * @param hostHosts the host's /etc/hosts
     * @param hostResolvConf the host's /etc/resolv.conf
     * @throws IOException if a file cannot be written
     */
    static void write(ContainerRecord r, Path hostHosts, Path hostResolvConf) throws IOException {
        write(r, List.of(), hostHosts, hostResolvConf);
    }

    static void write(ContainerRecord r, List<String> addresses, Path hostHosts, Path hostResolvConf)
            throws IOException {
        Files.createDirectories(Path.of(r.hostnamePath()).getParent());
        AtomicFiles.write(Path.of(r.hostnamePath()),
                (r.config().getHostname() + "\n").getBytes(StandardCharsets.UTF_8));
        boolean hostNetwork = "host".equals(r.hostConfig().getNetworkMode());
        String base = hostNetwork ? readOrEmpty(hostHosts) : hosts();
        StringBuilder hosts = new StringBuilder(hosts(base, r.hostConfig().getExtraHostsList()));
        String names = names(r.config().getHostname(), r.config().getDomainname());
        for (String a : addresses) {
            hosts.append(a).append('\t').append(names).append('\n');
        }
        AtomicFiles.write(Path.of(r.hostsPath()), hosts.toString().getBytes(StandardCharsets.UTF_8));
        String mode = r.hostConfig().getNetworkMode();
        boolean userNetwork = !java.util.Set.of("", "default", "bridge", "none", "host").contains(mode)
                && !mode.startsWith("container:");
        String resolv = userNetwork ? ResolvConf.embedded(r.hostConfig(), readOrEmpty(hostResolvConf))
                : ResolvConf.of(r.hostConfig(), readOrEmpty(hostResolvConf), !hostNetwork);
        AtomicFiles.write(Path.of(r.resolvConfPath()), resolv.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * libnetwork's main record: the FQDN (hostname + "." + domainname when a domain is given) and, when the FQDN has
     * a dot, the part before the first dot.
     *
     * @param hostname Config.Hostname
     * @param domainname Config.Domainname ("" for none)
     * @return "abc" or "abc.example.com abc"
     */
    static String names(String hostname, String domainname) {
        String fqdn = domainname.isEmpty() ? hostname : hostname + "." + domainname;
        int dot = fqdn.indexOf('.');
        return dot > 0 ? fqdn + " " + fqdn.substring(0, dot) : fqdn;
    }

    private static String readOrEmpty(Path p) throws IOException {
        return Files.isReadable(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /**
     * @param base the default entries
     * @param extraHosts "name:IP" entries (split at the first ":", so IPv6 addresses work)
     * @return base, then "IP\tname" per entry
     */
    static String hosts(String base, List<String> extraHosts) {
        StringBuilder out = new StringBuilder(base);
        if (!base.isEmpty() && !base.endsWith("\n")) {
            out.append('\n');
        }
        for (String e : extraHosts) {
            int colon = e.indexOf(':');
            out.append(e.substring(colon + 1)).append('\t').append(e, 0, colon).append('\n');
        }
        return out.toString();
    }

    /** @return dockerd's /etc/hosts for a container without networks */
    static String hosts() {
        return "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\n"
                + "ff00::0\tip6-mcastprefix\n"
                + "ff02::1\tip6-allnodes\n"
                + "ff02::2\tip6-allrouters\n";
    }
}
