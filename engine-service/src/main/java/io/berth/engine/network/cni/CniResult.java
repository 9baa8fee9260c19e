package io.berth.engine.network.cni;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InternalException;

/**
 * What berth reads from a CNI ADD result (CNI spec 1.0.0 "Success"): {@code interfaces} (name, mac, sandbox),
 * {@code ips} (address in CIDR form, gateway, interface = an index into interfaces). Example from Debian's
 * bridge plugin 1.1.1: {@code {"cniVersion":"1.0.0","interfaces":[{"name":"berth0","mac":"…"},
 * {"name":"veth1a2b3c4d","mac":"…"},{"name":"eth0","mac":"02:…","sandbox":"/run/berth/netns/<id>"}],
 * "ips":[{"interface":2,"address":"172.18.0.2/16","gateway":"172.18.0.1"}],"routes":[{"dst":"0.0.0.0/0"}],
 * "dns":{}}}.
 *
 * @param macAddress the container interface's MAC, "" if the result has none
 * @param hostVeth the host end of the veth pair (the interface without a sandbox that is not the bridge), or ""
 * @param ipv4Address the container's IPv4 address, "" if none
 * @param ipv4PrefixLen its prefix length, 0 if none
 * @param ipv4Gateway its gateway, ""
 * @param ipv6Address the container's IPv6 address, ""
 * @param ipv6PrefixLen its prefix length, 0
 * @param ipv6Gateway its gateway, ""
 */
public record CniResult(String macAddress, String hostVeth, String ipv4Address, int ipv4PrefixLen,
                        String ipv4Gateway, String ipv6Address, int ipv6PrefixLen, String ipv6Gateway) {

    /**
     * @param result the last plugin's result of an ADD
     * @param ifName the interface inside the namespace (CNI_IFNAME)
     * @param bridgeName the network's bridge (left out of the host veth's choice)
     * @return the parsed values
     * @throws InternalException if the result names no address for the interface
     */
    public static CniResult parse(JsonNode result, String ifName, String bridgeName) {
        JsonNode ifaces = result.path("interfaces");
        int index = -1;
        String mac = "";
        String veth = "";
        for (int i = 0; i < ifaces.size(); i++) {
            JsonNode n = ifaces.get(i);
            String name = n.path("name").asText("");
            boolean inSandbox = !n.path("sandbox").asText("").isEmpty();
            if (inSandbox && name.equals(ifName)) {
                index = i;
                mac = n.path("mac").asText("");
            } else if (!inSandbox && !name.equals(bridgeName) && veth.isEmpty()) {
                veth = name;
            }
        }
        String v4 = "";
        int v4Len = 0;
        String v4Gw = "";
        String v6 = "";
        int v6Len = 0;
        String v6Gw = "";
        for (JsonNode ip : result.path("ips")) {
            if (ip.has("interface") && index >= 0 && ip.path("interface").asInt() != index) {
                continue;
            }
            String cidr = ip.path("address").asText("");
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String addr = cidr.substring(0, slash);
            int len = Integer.parseInt(cidr.substring(slash + 1));
            if (addr.contains(":")) {
                if (v6.isEmpty()) {
                    v6 = addr;
                    v6Len = len;
                    v6Gw = ip.path("gateway").asText("");
                }
            } else if (v4.isEmpty()) {
                v4 = addr;
                v4Len = len;
                v4Gw = ip.path("gateway").asText("");
            }
        }
        if (v4.isEmpty() && v6.isEmpty()) {
            throw new InternalException("the CNI result names no address for " + ifName + ": " + result);
        }
        return new CniResult(mac, veth, v4, v4Len, v4Gw, v6, v6Len, v6Gw);
    }
}
