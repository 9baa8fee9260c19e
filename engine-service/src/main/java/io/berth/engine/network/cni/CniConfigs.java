package io.berth.engine.network.cni;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.engine.network.EndpointRequest;
import io.berth.engine.network.Ipv4Cidr;
import io.berth.engine.network.NetworkDefinition;
import io.berth.engine.network.PortMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The CNI configuration list of one attachment (CNI spec 1.0.0 "Network configuration lists"), made from berth's
 * records rather than from files: {@code bridge} with {@code host-local} IPAM, then {@code tuning} when a MAC
 * address is asked for ({@code --mac-address}), then {@code portmap} when ports are published. Each element is
 * the configuration one plugin gets on stdin (the list's {@code cniVersion} and {@code name} copied in, and
 * {@code runtimeConfig} for the capabilities it declares, as libcni does). Plugin documentation (Debian's
 * containernetworking-plugins 1.1.1): plugins/main/bridge, plugins/ipam/host-local, plugins/meta/portmap,
 * plugins/meta/tuning.
 *
 * <p>Shapes: bridge {@code {"type":"bridge","bridge":"berth0","isGateway":true,"ipMasq":true,"hairpinMode":true,
 * "mtu":1500,"ipam":{"type":"host-local","ranges":[[{"subnet":"172.18.0.0/16","gateway":"172.18.0.1"}]],
 * "routes":[{"dst":"0.0.0.0/0"}],"dataDir":"<data-root>/network/ipam/<network-id>"}}}; a fixed address
 * ({@code --ip}) is {@code "args":{"cni":{"ips":["172.18.0.9"]}}} (host-local's "args.cni.ips"); portmap
 * {@code {"type":"portmap","capabilities":{"portMappings":true},"snat":true,"runtimeConfig":{"portMappings":
 * [{"hostPort":8080,"containerPort":80,"protocol":"tcp","hostIP":"127.0.0.1"}]}}}.
 */
public final class CniConfigs {
    /** The CNI spec version berth speaks (Debian's plugins 1.1.1 support it). */
    public static final String CNI_VERSION = "1.0.0";

    /**
     * The network names CNI accepts (containernetworking/plugins pkg/utils {@code ValidateNetworkName}, which the
     * bridge, host-local and portmap plugins 1.1.1 apply: "invalid characters found in network name: x").
     */
    private static final Pattern CNI_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    private CniConfigs() {
    }

    /**
     * @param network the network
     * @param request the attachment
     * @param ipamDir host-local's dataDir for this network ({@code <data-root>/network/ipam/<network-id>})
     * @return the plugins' configurations in ADD order
     */
    public static List<ObjectNode> attachment(NetworkDefinition network, EndpointRequest request, Path ipamDir) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(bridge(network, request, ipamDir));
        if (request.macAddress() != null) {
            ObjectNode tuning = base(network, "tuning");
            tuning.put("mac", request.macAddress());
            out.add(tuning);
        }
        if (!request.portMappings().isEmpty()) {
            out.add(portmap(network, request.portMappings()));
        }
        return out;
    }

    /** @return the loopback plugin's configuration (brings {@code lo} up) */
    public static ObjectNode loopback() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("cniVersion", CNI_VERSION);
        n.put("name", "lo");
        n.put("type", "loopback");
        return n;
    }

    private static ObjectNode base(NetworkDefinition network, String type) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("cniVersion", CNI_VERSION);
        n.put("name", cniName(network));
        n.put("type", type);
        return n;
    }

    /**
     * The configuration list's {@code name}: the network's name when CNI accepts it, else its ID. dockerd 20.10
     * accepts any non-blank network name (libnetwork {@code config.IsValidName}: "x y", "a/b", "é"), while the CNI
     * plugins refuse names outside {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}; without this no container could start on
     * such a network (500 "CNI plugin bridge ADD failed: invalid characters found in network name"). Names CNI
     * accepts are kept as they are, so host-local's lease directory ({@code <dataDir>/<name>}) and portmap's
     * chains of existing networks do not move. The name is computed from the NetworkDefinition the endpoint
     * record carries, so DEL gets the same one as ADD.
     *
     * @param network the network
     * @return the name given to the plugins
     */
    static String cniName(NetworkDefinition network) {
        String name = network.name();
        return name != null && CNI_NAME.matcher(name).matches() ? name : network.id();
    }

    static ObjectNode bridge(NetworkDefinition network, EndpointRequest request, Path ipamDir) {
        ObjectNode n = base(network, "bridge");
        n.put("bridge", network.bridgeName());
        n.put("isGateway", true);
        n.put("ipMasq", network.enableIpMasquerade() && !network.internal());
        // A container reaching its own published port through the host's address comes back over its own port.
        n.put("hairpinMode", true);
        if (network.mtu() > 0) {
            n.put("mtu", network.mtu());
        }
        ObjectNode ipam = n.putObject("ipam");
        ipam.put("type", "host-local");
        ArrayNode ranges = ipam.putArray("ranges");
        ObjectNode v4 = ranges.addArray().addObject();
        v4.put("subnet", network.subnet());
        v4.put("gateway", network.gateway());
        if (network.ipRange() != null) {
            Ipv4Cidr subnet = Ipv4Cidr.parse(network.subnet());
            Ipv4Cidr range = Ipv4Cidr.parse(network.ipRange()).network();
            long first = range.address();
            long last = range.address() + (1L << (32 - range.prefix())) - 1;
            long subnetLast = subnet.network().address() + (1L << (32 - subnet.prefix())) - 1;
            v4.put("rangeStart", Ipv4Cidr.format(first == subnet.network().address() ? first + 1 : first));
            v4.put("rangeEnd", Ipv4Cidr.format(last == subnetLast ? last - 1 : last));
        }
        if (network.ipv6Subnet() != null) {
            ObjectNode v6 = ranges.addArray().addObject();
            v6.put("subnet", network.ipv6Subnet());
            if (network.ipv6Gateway() != null) {
                v6.put("gateway", network.ipv6Gateway());
            }
        }
        ArrayNode routes = ipam.putArray("routes");
        if (!network.internal()) {
            routes.addObject().put("dst", "0.0.0.0/0");
            if (network.ipv6Subnet() != null) {
                routes.addObject().put("dst", "::/0");
            }
        }
        ipam.put("dataDir", ipamDir.toString());
        List<String> ips = new ArrayList<>();
        if (request.ipv4Address() != null) {
            ips.add(request.ipv4Address());
        }
        if (request.ipv6Address() != null) {
            ips.add(request.ipv6Address());
        }
        if (!ips.isEmpty()) {
            ArrayNode a = n.putObject("args").putObject("cni").putArray("ips");
            ips.forEach(a::add);
        }
        return n;
    }

    static ObjectNode portmap(NetworkDefinition network, List<PortMapping> mappings) {
        ObjectNode n = base(network, "portmap");
        n.putObject("capabilities").put("portMappings", true);
        n.put("snat", true);
        ArrayNode pm = n.putObject("runtimeConfig").putArray("portMappings");
        for (PortMapping m : mappings) {
            ObjectNode e = pm.addObject();
            e.put("hostPort", m.hostPort());
            e.put("containerPort", m.containerPort());
            e.put("protocol", m.protocol());
            if (!m.hostIp().isEmpty() && !m.hostIp().equals("0.0.0.0")) {
                e.put("hostIP", m.hostIp());
            }
        }
        return n;
    }
}
