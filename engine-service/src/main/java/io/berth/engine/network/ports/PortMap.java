package io.berth.engine.network.ports;

import io.berth.engine.container.ContainerPort;

import io.berth.engine.network.PortMapping;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's {@code NetworkSettings.Ports} of a container (Engine API 1.41 PortMap, as moby daemon/network.go
 * {@code getPortMapInfo} builds it from the endpoint): every exposed port of a running container with a network
 * namespace on a bridge, with the host addresses and ports it holds ({@code {"HostIp":"0.0.0.0","HostPort":
 * "8080"}}); an exposed port that is not published has no bindings (null in the JSON). IPv4 only: dockerd 20.10
 * with IPv6 off shows no {@code "::"} entries, and berth publishes on IPv4 alone.
 */
public final class PortMap {
    private PortMap() {
    }

    /**
     * @param config the container's merged Config (ExposedPorts)
     * @param hc its HostConfig (NetworkMode)
     * @param running true while it runs (dockerd clears the map when the endpoint goes)
     * @param held the mappings it holds ({@link HostPortReservations#published})
     * @return "80/tcp" → bindings, keys in Docker's order (Go sorts map keys); empty when not running or on
     *     network host, none or container:
     */
    public static Map<String, PortBindings> of(ContainerConfig config, HostConfig hc, boolean running,
                                               List<PortMapping> held) {
        String mode = hc.getNetworkMode();
        if (!running || mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            return Map.of();
        }
        Map<ContainerPort, PortBindings.Builder> byPort = new TreeMap<>();
        for (String key : config.getExposedPortsList()) {
            ContainerPort.tryParse(key).ifPresent(p -> byPort.put(p, PortBindings.newBuilder()));
        }
        for (PortMapping m : held) {
            byPort.computeIfAbsent(new ContainerPort(m.containerPort(), m.protocol()), p -> PortBindings.newBuilder())
                    .addBindings(PortBinding.newBuilder().setHostIp(m.shownHostIp())
                            .setHostPort(Integer.toString(m.hostPort())));
        }
        Map<String, PortBindings> out = new TreeMap<>();
        byPort.forEach((p, b) -> out.put(p.key(), b.build()));
        return new LinkedHashMap<>(out);
    }
}
