package io.berth.gateway.types.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;

/**
 * The {@code NetworkSettings} of Docker Engine API 1.41 container inspect (swagger NetworkSettings). berth
 * gives containers a loopback-only network namespace for now (as {@code --network none}), so the one network
 * shown is "none" with empty addresses and there are no ports.
 */
public final class NetworkSettingsJson {
    private NetworkSettingsJson() {
    }

    /**
     * @param sandboxKey the path of the network namespace, or "" when not running
     * @return the JSON object
     */
    public static ObjectNode of(String sandboxKey) {
        ObjectNode o = Json.object();
        o.put("Bridge", "");
        o.put("SandboxID", "");
        o.put("HairpinMode", false);
        o.put("LinkLocalIPv6Address", "");
        o.put("LinkLocalIPv6PrefixLen", 0);
        o.putObject("Ports");
        o.put("SandboxKey", sandboxKey);
        o.putNull("SecondaryIPAddresses");
        o.putNull("SecondaryIPv6Addresses");
        o.put("EndpointID", "");
        o.put("Gateway", "");
        o.put("GlobalIPv6Address", "");
        o.put("GlobalIPv6PrefixLen", 0);
        o.put("IPAddress", "");
        o.put("IPPrefixLen", 0);
        o.put("IPv6Gateway", "");
        o.put("MacAddress", "");
        ObjectNode none = o.putObject("Networks").putObject("none");
        none.putNull("IPAMConfig");
        none.putNull("Links");
        none.putNull("Aliases");
        none.put("NetworkID", "");
        none.put("EndpointID", "");
        none.put("Gateway", "");
        none.put("IPAddress", "");
        none.put("IPPrefixLen", 0);
        none.put("IPv6Gateway", "");
        none.put("GlobalIPv6Address", "");
        none.put("GlobalIPv6PrefixLen", 0);
        none.put("MacAddress", "");
        none.putNull("DriverOpts");
        return o;
    }
}
