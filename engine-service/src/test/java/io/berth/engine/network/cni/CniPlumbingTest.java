package io.berth.engine.network.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.json.Json;
import io.berth.engine.network.Endpoint;
import io.berth.engine.network.EndpointRequest;
import io.berth.engine.network.NetworkDefinition;
import io.berth.engine.network.PortMapping;
import io.berth.engine.runtime.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CniPlumbing} against fake plugins: shell scripts in a temporary plugin directory that log each call
 * (CNI_COMMAND, the plugin, CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_PATH and stdin) and print what Debian's
 * plugins 1.1.1 print, or fail as they fail.
 */
class CniPlumbingTest {
    private static final String ID = "c0".repeat(32);
    private static final String BRIDGE_RESULT = "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"bt0\","
            + "\"mac\":\"aa:aa:aa:aa:aa:aa\"},{\"name\":\"veth1234abcd\",\"mac\":\"bb:bb:bb:bb:bb:bb\"},"
            + "{\"name\":\"eth0\",\"mac\":\"02:42:ac:12:00:02\",\"sandbox\":\"/ns\"}],\"ips\":[{\"interface\":2,"
            + "\"address\":\"172.18.0.2/16\",\"gateway\":\"172.18.0.1\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\"}],"
            + "\"dns\":{}}";

    @TempDir
    Path tmp;
    private Path plugins;
    private Path calls;
    private CniPlumbing plumbing;

    private final NetworkDefinition network = new NetworkDefinition("ab".repeat(32), "bridge", "bridge", "bt0",
            "172.18.0.0/16", "172.18.0.1", null, false, true, true, 1500, null, null, Map.of(), Map.of());

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        calls = tmp.resolve("calls");
        plumbing = new CniPlumbing(new CniPluginRunner(plugins), new CommandRunner(), tmp.resolve("ipam"));
    }

    /** A fake plugin: logs "<type> <CNI_COMMAND> <id> <netns> <ifname> <CNI_PATH>" and stdin, then runs body. */
    private void plugin(String type, String body) throws IOException {
        Path p = plugins.resolve(type);
        Files.writeString(p, "#!/bin/sh\n"
                + "in=$(cat)\n"
                + "echo \"" + type + " $CNI_COMMAND $CNI_CONTAINERID $CNI_NETNS $CNI_IFNAME $CNI_PATH\" >> " + calls + "\n"
                + "printf '%s\\n' \"$in\" >> " + calls + ".stdin\n"
                + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> callLines() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private List<JsonNode> stdins() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(calls + ".stdin"))) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    private EndpointRequest request(List<PortMapping> ports) {
        return new EndpointRequest(ID, "/ns", "eth0", null, null, null, List.of(), ports);
    }

    @Test
    void attach_bridgeThenPortmap_withPrevResultAndEnvironment() throws IOException {
        plugin("bridge", "[ \"$CNI_COMMAND\" = ADD ] && echo '" + BRIDGE_RESULT + "'; exit 0");
        plugin("portmap", "[ \"$CNI_COMMAND\" = ADD ] && echo \"$in\" | sed 's/.*\"prevResult\"://; s/}$//'; exit 0");

        Endpoint ep = plumbing.attach(network, request(List.of(new PortMapping("tcp", 80, "", 8080))));

        assertEquals("172.18.0.2", ep.ipAddress());
        assertEquals(16, ep.ipPrefixLen());
        assertEquals("172.18.0.1", ep.gateway());
        assertEquals("02:42:ac:12:00:02", ep.macAddress());
        assertEquals("veth1234abcd", ep.hostVeth());
        assertEquals(network.id(), ep.networkId());
        assertEquals(64, ep.endpointId().length());
        assertEquals(List.of("bridge ADD " + ID + " /ns eth0 " + plugins, "portmap ADD " + ID + " /ns eth0 " + plugins),
                callLines());
        List<JsonNode> in = stdins();
        JsonNode bridge = in.get(0);
        assertEquals("1.0.0", bridge.path("cniVersion").asText());
        assertEquals("bridge", bridge.path("name").asText());
        assertEquals("bt0", bridge.path("bridge").asText());
        assertTrue(bridge.path("isGateway").asBoolean());
        assertTrue(bridge.path("ipMasq").asBoolean());
        assertEquals("host-local", bridge.path("ipam").path("type").asText());
        assertEquals("172.18.0.0/16", bridge.path("ipam").path("ranges").get(0).get(0).path("subnet").asText());
        assertEquals("0.0.0.0/0", bridge.path("ipam").path("routes").get(0).path("dst").asText());
        assertEquals(tmp.resolve("ipam").resolve(network.id()).toString(),
                bridge.path("ipam").path("dataDir").asText());
        JsonNode portmap = in.get(1);
        assertEquals("172.18.0.2/16", portmap.path("prevResult").path("ips").get(0).path("address").asText());
        assertEquals(8080, portmap.path("runtimeConfig").path("portMappings").get(0).path("hostPort").asInt());
        assertEquals(80, portmap.path("runtimeConfig").path("portMappings").get(0).path("containerPort").asInt());
        assertTrue(portmap.path("capabilities").path("portMappings").asBoolean());
    }

    @Test
    void attach_portmapFails_everythingDeletedInReverseAndTheErrorNamed() throws IOException {
        plugin("bridge", "[ \"$CNI_COMMAND\" = ADD ] && echo '" + BRIDGE_RESULT + "'; exit 0");
        plugin("portmap", "[ \"$CNI_COMMAND\" = DEL ] && exit 0; echo '{\"code\":999,\"msg\":\"bind failed\"}'; exit 1");

        InternalException e = assertThrows(InternalException.class,
                () -> plumbing.attach(network, request(List.of(new PortMapping("tcp", 80, "", 8080)))));

        assertEquals("CNI plugin portmap ADD failed: bind failed", e.getMessage());
        assertEquals(List.of("bridge ADD " + ID + " /ns eth0 " + plugins, "portmap ADD " + ID + " /ns eth0 " + plugins,
                "portmap DEL " + ID + " /ns eth0 " + plugins, "bridge DEL " + ID + " /ns eth0 " + plugins),
                callLines());
        assertTrue(stdins().get(3).path("prevResult").isMissingNode(), "DEL gets no prevResult");
    }

    @Test
    void attach_requestedAddressTaken_conflictAndUndone() throws IOException {
        plugin("bridge", "[ \"$CNI_COMMAND\" = DEL ] && exit 0; echo '{\"code\":999,\"msg\":\"failed to allocate for"
                + " range 0: requested IP address 172.18.0.9 is not available in range set 172.18.0.1-172.18.255.254\"}'"
                + "; exit 1");
        EndpointRequest fixed = new EndpointRequest(ID, "/ns", "eth0", "172.18.0.9", null, null, List.of(), List.of());

        ConflictException e = assertThrows(ConflictException.class, () -> plumbing.attach(network, fixed));

        assertEquals("Address already in use", e.getMessage());
        assertEquals("172.18.0.9", stdins().get(0).path("args").path("cni").path("ips").get(0).asText());
        assertEquals(List.of("bridge ADD " + ID + " /ns eth0 " + plugins, "bridge DEL " + ID + " /ns eth0 " + plugins),
                callLines());
    }

    @Test
    void attach_requestedAddressIsTheGateway_conflictAsDockerd() throws IOException {
        plugin("bridge", "[ \"$CNI_COMMAND\" = DEL ] && exit 0; echo '{\"code\":999,\"msg\":\"failed to allocate for"
                + " range 0: requested ip 172.18.0.1 is subnet'\"'\"'s gateway\"}'; exit 1");
        EndpointRequest fixed = new EndpointRequest(ID, "/ns", "eth0", "172.18.0.1", null, null, List.of(), List.of());

        ConflictException e = assertThrows(ConflictException.class, () -> plumbing.attach(network, fixed));

        assertEquals("Address already in use", e.getMessage());
        assertEquals(List.of("bridge ADD " + ID + " /ns eth0 " + plugins, "bridge DEL " + ID + " /ns eth0 " + plugins),
                callLines());
    }

    @Test
    void detach_delOfEveryPluginInReverse_failuresDoNotStopTheRest() throws IOException {
        plugin("bridge", "exit 0");
        plugin("tuning", "exit 0");
        plugin("portmap", "echo '{\"code\":11,\"msg\":\"busy\"}'; exit 1");
        EndpointRequest req = new EndpointRequest(ID, "/gone", "eth0", null, null, "02:42:ac:12:00:09", List.of(),
                List.of(new PortMapping("udp", 53, "127.0.0.1", 5353)));

        plumbing.detach(network, req);

        assertEquals(List.of("portmap DEL " + ID + " /gone eth0 " + plugins, "tuning DEL " + ID + " /gone eth0 " + plugins,
                "bridge DEL " + ID + " /gone eth0 " + plugins), callLines());
        JsonNode portmap = stdins().get(0);
        assertEquals("127.0.0.1", portmap.path("runtimeConfig").path("portMappings").get(0).path("hostIP").asText());
        assertEquals("02:42:ac:12:00:09", stdins().get(1).path("mac").asText());
    }

    @Test
    void loopback_addOfLo() throws IOException {
        plugin("loopback", "echo '{\"cniVersion\":\"1.0.0\"}'");

        plumbing.loopback(ID, "/ns");

        assertEquals(List.of("loopback ADD " + ID + " /ns lo " + plugins), callLines());
        assertEquals("loopback", stdins().get(0).path("type").asText());
    }

    @Test
    void attach_missingPlugin_namesThePackage() {
        InternalException e = assertThrows(InternalException.class, () -> plumbing.attach(network, request(List.of())));

        assertTrue(e.getMessage().contains("containernetworking-plugins"), e.getMessage());
    }

    @Test
    void configs_internalNetworkAndIpRange_noRouteNoMasqueradeAndTheRange() {
        NetworkDefinition internal = new NetworkDefinition("cd".repeat(32), "back", "bridge", "br-cdcdcdcdcdcd",
                "10.9.0.0/16", "10.9.0.1", "10.9.8.0/24", true, true, true, 0, null, null, Map.of(), Map.of());

        JsonNode b = CniConfigs.bridge(internal, request(List.of()), tmp);

        assertEquals(false, b.path("ipMasq").asBoolean());
        assertEquals(0, b.path("ipam").path("routes").size());
        assertEquals("10.9.8.0", b.path("ipam").path("ranges").get(0).get(0).path("rangeStart").asText());
        assertEquals("10.9.8.255", b.path("ipam").path("ranges").get(0).get(0).path("rangeEnd").asText());
        assertTrue(b.path("mtu").isMissingNode());
    }

    @Test
    void configs_aNetworkNameCniRefuses_isGivenAsTheNetworkId_aNameItAcceptsIsKept() {
        for (String name : List.of("x y", "a/b", "\u00e9t\u00e9", "-lead", "../../etc")) {
            NetworkDefinition odd = new NetworkDefinition("ef".repeat(32), name, "bridge", "br-efefefefefef",
                    "10.9.0.0/16", "10.9.0.1", null, false, true, true, 0, null, null, Map.of(), Map.of());

            List<ObjectNode> list = CniConfigs.attachment(odd,
                    new EndpointRequest(ID, "/ns", "eth0", null, null, "02:42:0a:09:00:02", List.of(),
                            List.of(new PortMapping("tcp", 80, "", 8080))), tmp);

            assertEquals(3, list.size());
            for (JsonNode plugin : list) {
                assertEquals("ef".repeat(32), plugin.path("name").asText(), name + ": " + plugin);
            }
        }
        JsonNode kept = CniConfigs.bridge(network, request(List.of()), tmp);
        assertEquals("bridge", kept.path("name").asText());
        NetworkDefinition dotted = new NetworkDefinition("ef".repeat(32), "proj_back.v-1", "bridge", "br-ef",
                "10.9.0.0/16", "10.9.0.1", null, false, true, true, 0, null, null, Map.of(), Map.of());
        assertEquals("proj_back.v-1", CniConfigs.bridge(dotted, request(List.of()), tmp).path("name").asText());
    }

    @Test
    void result_withoutAnAddress_isAnError() throws IOException {
        JsonNode r = Json.MAPPER.readTree("{\"interfaces\":[{\"name\":\"eth0\",\"sandbox\":\"/ns\"}],\"ips\":[]}");

        assertThrows(InternalException.class, () -> CniResult.parse(r, "eth0", "bt0"));
        assertEquals("172.18.0.2", CniResult.parse(Json.MAPPER.readTree(BRIDGE_RESULT.getBytes(StandardCharsets.UTF_8)),
                "eth0", "bt0").ipv4Address());
    }

    @Test
    void ensureNetwork_bridgeKeptFromAnEarlierStart_itsAddressAlreadyAssignedIsFine() {
        CommandRunner ip = org.mockito.Mockito.mock(CommandRunner.class);
        org.mockito.Mockito.when(ip.run(org.mockito.ArgumentMatchers.anyList(), org.mockito.ArgumentMatchers.any()))
                .thenAnswer(inv -> ((List<?>) inv.getArgument(0)).contains("addr")
                        ? new io.berth.engine.runtime.CommandResult(2, "", "Error: ipv4: Address already assigned.\n")
                        : new io.berth.engine.runtime.CommandResult(0, "", ""));
        CniPlumbing p = new CniPlumbing(new CniPluginRunner(plugins), ip, tmp.resolve("ipam"));
        NetworkDefinition kept = new NetworkDefinition("ab".repeat(32), "bridge", "bridge", "lo", "172.18.0.0/16",
                "172.18.0.1", null, false, true, true, 0, null, null, Map.of(), Map.of());

        p.ensureNetwork(kept); // "lo" exists: no link add; the address is there already

        org.mockito.Mockito.verify(ip).run(org.mockito.ArgumentMatchers.eq(List.of("ip", "addr", "add", "172.18.0.1/16",
                "dev", "lo")), org.mockito.ArgumentMatchers.any());
        org.mockito.Mockito.verify(ip, org.mockito.Mockito.never()).run(org.mockito.ArgumentMatchers.eq(
                List.of("ip", "link", "add", "name", "lo", "type", "bridge")), org.mockito.ArgumentMatchers.any());
        org.mockito.Mockito.when(ip.run(org.mockito.ArgumentMatchers.anyList(), org.mockito.ArgumentMatchers.any()))
                .thenReturn(new io.berth.engine.runtime.CommandResult(2, "", "Error: Cannot find device \"lo\"\n"));
        assertThrows(InternalException.class, () -> p.ensureNetwork(kept));
    }
}
