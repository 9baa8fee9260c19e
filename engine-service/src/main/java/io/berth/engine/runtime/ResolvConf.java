package io.berth.engine.runtime;

import io.berth.proto.engine.v1.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's /etc/resolv.conf as dockerd writes it (moby libnetwork/resolvconf {@code Build},
 * {@code FilterResolvDNS} and sandbox_dns_unix.go {@code setupDNS}): without Dns, DnsSearch and DnsOptions, a copy
 * of the host's file, for a container with a network namespace of its own without the host's localhost
 * nameservers ({@code 127.x.x.x}, {@code ::1}: unreachable from the container), and when none is left dockerd's
 * defaults appended ({@link #DEFAULT_NAMESERVERS}: Google's IPv4 and IPv6 servers; dockerd passes IPv6 "enabled"
 * there); NetworkMode host gets the host's file as it is. With any of them, a new file of {@code search ...}, one {@code nameserver} line per server and
 * {@code options ...}, each taken from the request or, when the request leaves it empty, from the host's
 * file (its nameservers, its last search line, its last options line).
 */
public final class ResolvConf {
    private static final Pattern NAMESERVER = Pattern.compile("^\\s*nameserver\\s+(\\S+)");
    private static final Pattern SEARCH = Pattern.compile("^\\s*search\\s+(.*)$");
    private static final Pattern OPTIONS = Pattern.compile("^\\s*options\\s+(.*)$");

    private static final Pattern LOCALHOST_NAMESERVER = Pattern.compile(
            "(?m)^nameserver\\s+((127\\.([0-9]{1,3}\\.){2}[0-9]{1,3})|(::1)$)\\s*\\n*");
    /** What dockerd appends when no nameserver is left (libnetwork/resolvconf defaultIPv4Dns, defaultIPv6Dns). */
    static final String DEFAULT_NAMESERVERS = "\nnameserver 8.8.8.8\nnameserver 8.8.4.4"
            + "\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844";

    private ResolvConf() {
    }

    /**
     * @param hc the host config (Dns, DnsSearch, DnsOptions)
     * @param host the host's resolv.conf ("" if it has none)
     * @return the container's resolv.conf, the host's copied as it is when no option is given (NetworkMode host)
     */
    public static String of(HostConfig hc, String host) {
        return of(hc, host, false);
    }

    /**
     * @param hc the host config (Dns, DnsSearch, DnsOptions)
     * @param host the host's resolv.conf ("" if it has none)
     * @param ownNetwork the container has a network namespace of its own (every mode but host): without options,
     *     the host's localhost nameservers are filtered out
     * @return the container's resolv.conf
     */
    public static String of(HostConfig hc, String host, boolean ownNetwork) {
        if (hc.getDnsList().isEmpty() && hc.getDnsSearchList().isEmpty() && hc.getDnsOptionsList().isEmpty()) {
            return ownNetwork ? filterLocalhost(host) : host;
        }
        List<String> dns = hc.getDnsList().isEmpty() ? nameservers(host) : hc.getDnsList();
        List<String> search = hc.getDnsSearchList().isEmpty() ? last(host, SEARCH) : hc.getDnsSearchList();
        List<String> options = hc.getDnsOptionsList().isEmpty() ? last(host, OPTIONS) : hc.getDnsOptionsList();
        StringBuilder out = new StringBuilder();
        String searchLine = String.join(" ", search);
        if (!search.isEmpty() && !searchLine.strip().equals(".")) {
            out.append("search ").append(searchLine).append('\n');
        }
        dns.forEach(ns -> out.append("nameserver ").append(ns).append('\n'));
        String optionsLine = String.join(" ", options);
        if (!optionsLine.isBlank()) {
            out.append("options ").append(optionsLine).append('\n');
        }
        return out.toString();
    }

    /**
     * The resolv.conf of a container on a user-defined network, whose questions go to the embedded DNS server
     * (libnetwork sandbox_dns_unix.go {@code rebuildDNS}): {@code nameserver 127.0.0.11} alone, the search
     * domains and options of the request or else of the host's file, and {@code options ndots:0} unless an ndots
     * option is given.
     *
     * @param hc the host config (DnsSearch, DnsOptions)
     * @param host the host's resolv.conf ("" if it has none)
     * @return the container's resolv.conf
     */
    public static String embedded(HostConfig hc, String host) {
        List<String> search = hc.getDnsSearchList().isEmpty() ? last(host, SEARCH) : hc.getDnsSearchList();
        List<String> options = new java.util.ArrayList<>(hc.getDnsOptionsList().isEmpty() ? last(host, OPTIONS)
                : hc.getDnsOptionsList());
        if (options.stream().noneMatch(o -> o.startsWith("ndots:"))) {
            options.add("ndots:0");
        }
        StringBuilder out = new StringBuilder();
        String searchLine = String.join(" ", search);
        if (!search.isEmpty() && !searchLine.strip().equals(".")) {
            out.append("search ").append(searchLine).append('\n');
        }
        out.append("nameserver 127.0.0.11\n");
        out.append("options ").append(String.join(" ", options)).append('\n');
        return out.toString();
    }

    /**
     * dockerd's {@code FilterResolvDNS(content, true)}: drops the localhost nameserver lines; if no nameserver is
     * left, appends {@link #DEFAULT_NAMESERVERS}.
     *
     * @param content the host's resolv.conf
     * @return the filtered file
     */
    static String filterLocalhost(String content) {
        String cleaned = LOCALHOST_NAMESERVER.matcher(content).replaceAll("");
        if (nameservers(cleaned).isEmpty()) {
            cleaned = cleaned + DEFAULT_NAMESERVERS;
        }
        return cleaned;
    }

    /**
     * @param content a resolv.conf
     * @return its nameservers in order
     */
    static List<String> nameservers(String content) {
        List<String> out = new ArrayList<>();
        for (String line : lines(content)) {
            Matcher m = NAMESERVER.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static List<String> last(String content, Pattern p) {
        List<String> out = List.of();
        for (String line : lines(content)) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                String v = m.group(1).trim();
                out = v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
            }
        }
        return out;
    }

    /** @return the lines without comments (from "#" or ";") */
    private static List<String> lines(String content) {
        List<String> out = new ArrayList<>();
        for (String line : content.split("\n")) {
            int c = line.indexOf('#');
            int s = line.indexOf(';');
            int cut = c < 0 ? s : s < 0 ? c : Math.min(c, s);
            out.add(cut < 0 ? line : line.substring(0, cut));
        }
        return out;
    }
}
