package io.berth.engine.network.ports;

import com.google.common.net.InetAddresses;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.container.ContainerPort;
import io.berth.engine.container.PortNumbers;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a container publishes, from its Config.ExposedPorts and HostConfig.PortBindings / PublishAllPorts
 * (Docker Engine API 1.41 {@code POST /containers/create}): the checks at create with dockerd 20.10's texts,
 * and the list of host ports to hold at start in dockerd's order.
 *
 * <p>As dockerd (moby daemon/network.go {@code buildCreateEndpointOptions}), only ports in ExposedPorts are
 * published: the docker CLI adds every {@code -p} port to ExposedPorts, docker-py and docker-java send both; a
 * binding of a port that is not exposed is kept in HostConfig and published nowhere. A container on network
 * {@code host}, {@code none} or {@code container:<x>} publishes nothing.
 */
public final class PublishedPorts {
    /** dockerd's warning (daemon/daemon_unix.go {@code verifyPlatformContainerSettings}). */
    public static final String HOST_MODE_WARNING = "Published ports are discarded when using host network mode";

    private PublishedPorts() {
    }

    /**
     * The create-time checks: dockerd's {@code validatePortBindings} (every key and HostPort parses), runconfig's
     * network-mode conflicts, and berth's own (a HostIp is an IP address; IPv6 host addresses and sctp are not
     * published by berth yet).
     *
     * @param config the request's Config (its ExposedPorts)
     * @param hc the request's HostConfig
     * @param warnings receives dockerd's warning for ports with network mode host
     * @throws InvalidArgumentException {@code invalid port specification: "x"}, {@code invalid proto: x},
     *     {@code invalid IP address: x}, {@code conflicting options: port publishing and the container type network
     *     mode}, {@code conflicting options: port exposing and the container type network mode} (400)
     * @throws NotImplementedException for an IPv6 HostIp or a published sctp port (501)
     */
    public static void check(ContainerConfig config, HostConfig hc, List<String> warnings) {
        for (String key : config.getExposedPortsList()) {
            ContainerPort.parse(key);
        }
        boolean publishing = hc.getPublishAllPorts() || hc.getPortBindingsCount() > 0;
        if (hc.getNetworkMode().startsWith("container:")) {
            if (publishing) {
                throw new InvalidArgumentException(
                        "conflicting options: port publishing and the container type network mode");
            }
            if (config.getExposedPortsCount() > 0) {
                throw new InvalidArgumentException(
                        "conflicting options: port exposing and the container type network mode");
            }
        }
        for (Map.Entry<String, PortBindings> e : hc.getPortBindingsMap().entrySet()) {
            ContainerPort port = ContainerPort.parse(e.getKey());
            for (PortBinding b : e.getValue().getBindingsList()) {
                PortNumbers.range(b.getHostPort());
                hostIp(b.getHostIp());
                if (port.protocol().equals("sctp")) {
                    throw new NotImplementedException("berth does not publish sctp ports yet (" + port.key() + ")");
                }
            }
        }
        if (hc.getNetworkMode().equals("host") && hc.getPortBindingsCount() > 0) {
            warnings.add(HOST_MODE_WARNING);
        }
    }

    /**
     * The host ports to hold at start, in dockerd's order (go-connections {@code nat.SortPortMap}: bindings with a
     * larger given host port first, then larger container ports, tcp before udp), so that explicit ports are
     * taken before ephemeral ones.
     *
     * @param config the container's merged Config (its ExposedPorts, the image's included)
     * @param hc its HostConfig (checked at create)
     * @return the requests; empty on network host, none and container:, and when nothing is published
     */
    public static List<PortRequest> requests(ContainerConfig config, HostConfig hc) {
        String mode = hc.getNetworkMode();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            return List.of();
        }
        Map<String, PortBindings> given = hc.getPortBindingsMap();
        TreeSet<ContainerPort> exposed = new TreeSet<>();
        config.getExposedPortsList().forEach(k -> ContainerPort.tryParse(k).ifPresent(exposed::add));
        List<PortRequest> out = new ArrayList<>();
        for (ContainerPort p : exposed) {
            List<PortBinding> bindings = bindingsOf(given, p);
            for (PortBinding b : bindings) {
                int[] r = PortNumbers.range(b.getHostPort());
                out.add(new PortRequest(p, b.getHostIp(), r[0], r[1]));
            }
            if (bindings.isEmpty() && hc.getPublishAllPorts() && !p.protocol().equals("sctp")) {
                out.add(new PortRequest(p, "", 0, 0));
            }
        }
        out.sort(Comparator.comparingInt(PortRequest::hostPortStart).reversed()
                .thenComparing(Comparator.comparingInt((PortRequest r) -> r.port().port()).reversed())
                .thenComparing(r -> r.port().protocol()));
        return out;
    }

    /** @return the bindings given for the port, under its key with or without "/tcp" */
    private static List<PortBinding> bindingsOf(Map<String, PortBindings> given, ContainerPort p) {
        List<PortBinding> out = new ArrayList<>();
        for (Map.Entry<String, PortBindings> e : given.entrySet()) {
            if (ContainerPort.tryParse(e.getKey()).filter(p::equals).isPresent()) {
                out.addAll(e.getValue().getBindingsList());
            }
        }
        return out;
    }

    /**
     * @param ip a HostIp
     * @throws InvalidArgumentException {@code invalid IP address: x} (the docker CLI's text for {@code -p x:80:80};
     *     dockerd itself would publish a malformed one on every address)
     * @throws NotImplementedException for an IPv6 address
     */
    static void hostIp(String ip) {
        if (ip.isEmpty()) {
            return;
        }
        if (!InetAddresses.isInetAddress(ip)) {
            throw new InvalidArgumentException("invalid IP address: " + ip);
        }
        InetAddress a = InetAddresses.forString(ip);
        if (!(a instanceof Inet4Address)) {
            throw new NotImplementedException("berth does not publish ports on IPv6 host addresses yet (" + ip
                    + "); the bridge networks are IPv4 only");
        }
    }
}
