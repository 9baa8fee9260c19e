package io.berth.engine.runtime;

import io.berth.proto.engine.v1.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's /etc/resolv.conf as dockerd writes it (moby libnetwork/resolvconf {@code Build} and
 * sandbox_dns_unix.go {@code setupDNS}): without Dns, DnsSearch and DnsOptions, a copy of the host's file;
 * with any of them, a new file of {@code search ...}, one {@code nameserver} line per server and
 * {@code options ...}, each taken from the request or, when the request leaves it empty, from the host's
 * file (its nameservers, its last search line, its last options line).
 */
public final class ResolvConf {
    private static final Pattern NAMESERVER = Pattern.compile("^\\s*nameserver\\s+(\\S+)");
    private static final Pattern SEARCH = Pattern.compile("^\\s*search\\s+(.*)$");
    private static final Pattern OPTIONS = Pattern.compile("^\\s*options\\s+(.*)$");

    private ResolvConf() {
    }

    /**
     * @param hc the host config (Dns, DnsSearch, DnsOptions)
     * @param host the host's resolv.conf ("" if it has none)
     * @return the container's resolv.conf
     */
    public static String of(HostConfig hc, String host) {
        if (hc.getDnsList().isEmpty() && hc.getDnsSearchList().isEmpty() && hc.getDnsOptionsList().isEmpty()) {
            return host;
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
