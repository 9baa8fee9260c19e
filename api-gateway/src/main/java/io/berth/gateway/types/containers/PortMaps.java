package io.berth.gateway.types.containers;

import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker's port maps in the JSON of Engine API 1.41: {@code HostConfig.PortBindings} and
 * {@code NetworkSettings.Ports} of container inspect (swagger PortMap: {@code "80/tcp"} →
 * {@code [{"HostIp":"0.0.0.0","HostPort":"8080"}]}, or null for an exposed port without bindings), and the
 * {@code Ports} column of {@code GET /containers/json} (swagger Port: {@code {"IP":"0.0.0.0","PrivatePort":80,
 * "PublicPort":8080,"Type":"tcp"}}, IP and PublicPort left out for a port that is only exposed, as Go's
 * {@code omitempty}). Keys are sorted as Go's encoder sorts map keys; the docker CLI sorts again for
 * {@code docker ps} and {@code docker port}.
 */
public final class PortMaps {
    private PortMaps() {
    }

    /**
     * @param m the engine's map (HostConfig.port_bindings or Container.ports)
     * @return Docker's PortMap JSON value: each key's list of {HostIp, HostPort}, null for an empty one
     */
    public static Map<String, Object> portMap(Map<String, PortBindings> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((port, b) -> out.put(port, b.getBindingsCount() == 0 ? null : b.getBindingsList().stream()
                .map(PortMaps::binding).toList()));
        return out;
    }

    /**
     * @param c the container (its NetworkSettings' ports are set while it runs)
     * @return the Ports column entries, by private port then type then public port
     */
    public static List<Object> summary(Container c) {
        List<Entry> entries = new ArrayList<>();
        c.getNetworkSettings().getPortsMap().forEach((key, b) -> {
            int slash = key.indexOf('/');
            int privatePort;
            try {
                privatePort = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
            } catch (NumberFormatException e) {
                return; // moby's view skips a key it cannot parse
            }
            String type = slash < 0 ? "tcp" : key.substring(slash + 1);
            if (b.getBindingsCount() == 0) {
                entries.add(new Entry(null, privatePort, 0, type));
            }
            for (PortBinding pb : b.getBindingsList()) {
                try {
                    entries.add(new Entry(pb.getHostIp(), privatePort, Integer.parseInt(pb.getHostPort()), type));
                } catch (NumberFormatException e) {
                    // moby's view skips an unparseable host port ("invalid host port map")
                }
            }
        });
        entries.sort(Comparator.comparingInt(Entry::privatePort).thenComparing(Entry::type)
                .thenComparingInt(Entry::publicPort));
        return entries.stream().map(Entry::json).toList();
    }

    private static Map<String, Object> binding(PortBinding b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("HostIp", b.getHostIp());
        m.put("HostPort", b.getHostPort());
        return m;
    }

    /** One swagger Port. */
    private record Entry(String ip, int privatePort, int publicPort, String type) {
        Object json() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (ip != null && !ip.isEmpty()) {
                m.put("IP", ip);
            }
            m.put("PrivatePort", privatePort);
            if (publicPort != 0) {
                m.put("PublicPort", publicPort);
            }
            m.put("Type", type);
            return m;
        }
    }
}
