package io.berth.engine.network;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.proto.engine.v1.HostConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Legacy links of the default bridge ({@code docker run --link name[:alias]}, moby daemon/links/links.go and
 * container_operations.go {@code buildSandboxOptions}), applied to a run: for each link the parent gets the
 * child's address in /etc/hosts ({@code <ip>\t<alias> <child hostname> <child name>}, the name left out when it
 * is the alias) and the variables {@code <ALIAS>_NAME=/<parent>/<alias>}, {@code <ALIAS>_PORT=tcp://ip:port} (the
 * lowest exposed port), {@code <ALIAS>_PORT_<port>_<PROTO>}, {@code ..._ADDR}, {@code ..._PORT}, {@code ..._PROTO}
 * per exposed port, and {@code <ALIAS>_ENV_<name>=<value>} for the child's own variables (HOME and PATH left out),
 * ALIAS upper case with every character other than a letter, digit or '_' as '_'. Nothing is stored: the
 * addresses are read at each start, as dockerd does.
 */
@Singleton
public class LegacyLinks {
    private final ContainerStore containers;
    private final EndpointStore endpoints;

    /**
     * @param containers the containers
     * @param endpoints the endpoint records (the children's addresses)
     */
    @Inject
    public LegacyLinks(ContainerStore containers, EndpointStore endpoints) {
        this.containers = containers;
        this.endpoints = endpoints;
    }

    /**
     * A create's check (dockerd's {@code registerLinks}).
     *
     * @param hc the host config
     * @throws InvalidArgumentException "could not get container for x" for a container that does not exist
     * @throws NotImplementedException for links on another network than the default bridge
     */
    public void check(HostConfig hc) {
        if (hc.getLinksCount() == 0) {
            return;
        }
        String mode = hc.getNetworkMode();
        if (!mode.isEmpty() && !mode.equals("default") && !mode.equals("bridge")) {
            throw new NotImplementedException("berth supports --link on the default bridge network only");
        }
        for (String l : hc.getLinksList()) {
            String name = split(l)[0];
            if (containers.find(name).isEmpty()) {
                throw new InvalidArgumentException("could not get container for " + name);
            }
        }
    }

    /**
     * @param r the starting container (its network set up)
     * @return the record to write the bundle from: its Env and ExtraHosts with the links' entries added (not saved)
     * @throws ConflictException "Cannot link to a non running container: /x AS /y/alias"
     */
    public ContainerRecord apply(ContainerRecord r) {
        if (r.hostConfig().getLinksCount() == 0) {
            return r;
        }
        List<String> env = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        String parent = r.name().startsWith("/") ? r.name() : "/" + r.name();
        for (String l : r.hostConfig().getLinksList()) {
            String[] p = split(l);
            Container child = containers.find(p[0]).orElseThrow(() -> new NotFoundException("could not get container"
                    + " for " + p[0]));
            ContainerRecord c = child.record();
            String childName = c.name().startsWith("/") ? c.name().substring(1) : c.name();
            String alias = p[1];
            if (!c.state().isRunning()) {
                throw new ConflictException("Cannot link to a non running container: /" + childName + " AS " + parent
                        + "/" + alias);
            }
            String ip = endpoints.load(c.id()).stream().filter(a -> a.endpoint() != null)
                    .map(a -> a.endpoint().ipAddress()).filter(a -> !a.isEmpty()).findFirst().orElse("");
            String names = alias + " " + c.config().getHostname() + (alias.equals(childName) ? "" : " " + childName);
            if (!ip.isEmpty()) {
                hosts.add(names + ":" + ip);
            }
            env.addAll(variables(envName(alias), parent + "/" + alias, ip, c));
        }
        HostConfig hc = r.hostConfig().toBuilder().addAllExtraHosts(hosts).build();
        return new ContainerRecord(r.id(), r.name(), r.created(), r.path(), r.args(),
                r.config().toBuilder().addAllEnv(env).build(), hc, r.state(), r.image(), r.driver(), r.driverData(),
                r.rootfsMounts(), r.logPath(), r.hostnamePath(), r.hostsPath(), r.resolvConfPath(), r.restartCount(),
                r.platform(), r.mountPoints());
    }

    /**
     * HostConfig.Links as dockerd's inspect shows them (daemon/inspect.go: the link graph's children, not the
     * create's text): {@code /<child name>:/<parent name>/<alias>} with the child's current name; a link whose child
     * is gone is left out (dockerd drops it from the graph when the child is removed).
     *
     * @param r the parent container
     * @return the links in the create's order, empty when none
     */
    public List<String> inspected(ContainerRecord r) {
        List<String> out = new ArrayList<>();
        String parent = r.name().startsWith("/") ? r.name() : "/" + r.name();
        for (String l : r.hostConfig().getLinksList()) {
            String[] p = split(l);
            containers.find(p[0]).ifPresent(child -> {
                String n = child.record().name();
                out.add((n.startsWith("/") ? n : "/" + n) + ":" + parent + "/" + p[1]);
            });
        }
        return out;
    }

    static List<String> variables(String prefix, String fullName, String ip, ContainerRecord child) {
        List<String> out = new ArrayList<>();
        TreeSet<String[]> ports = new TreeSet<>((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1])
                : Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
        for (String port : child.config().getExposedPortsList()) {
            String[] pp = port.split("/", 2);
            try {
                Integer.parseInt(pp[0]);
                ports.add(new String[] {pp[0], pp.length > 1 ? pp[1] : "tcp"});
            } catch (NumberFormatException e) {
                // a range or a bad port: dockerd's link env skips what it cannot parse
            }
        }
        if (!ports.isEmpty()) {
            String[] first = ports.first();
            out.add(prefix + "_PORT=" + first[1] + "://" + ip + ":" + first[0]);
        }
        for (String[] p : ports) {
            String key = prefix + "_PORT_" + p[0] + "_" + p[1].toUpperCase(Locale.ROOT);
            out.add(key + "=" + p[1] + "://" + ip + ":" + p[0]);
            out.add(key + "_ADDR=" + ip);
            out.add(key + "_PORT=" + p[0]);
            out.add(key + "_PROTO=" + p[1]);
        }
        out.add(prefix + "_NAME=" + fullName);
        for (String v : child.config().getEnvList()) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = v.substring(0, eq);
            if (!k.equals("HOME") && !k.equals("PATH")) {
                out.add(prefix + "_ENV_" + k + "=" + v.substring(eq + 1));
            }
        }
        return out;
    }

    /** @return "name[:alias]" as {name, alias}, the alias the name when not given; a leading '/' dropped */
    static String[] split(String link) {
        int colon = link.indexOf(':');
        String name = colon < 0 ? link : link.substring(0, colon);
        String alias = colon < 0 ? name : link.substring(colon + 1);
        name = name.startsWith("/") ? name.substring(1) : name;
        alias = alias.substring(alias.lastIndexOf('/') + 1);
        return new String[] {name, alias};
    }

    /** @return the alias as dockerd's link variables spell it: upper case, [^A-Z0-9_] as '_' */
    static String envName(String alias) {
        return alias.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }
}
