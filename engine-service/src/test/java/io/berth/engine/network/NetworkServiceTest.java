package io.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.BerthException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import io.berth.common.events.EventPublisher;
import io.berth.engine.TestConfigs;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NetworkService} at its boundaries: real records on a temporary data root, a mocked plumbing and event
 * publisher; dockerd 20.10's statuses (the error categories) and texts.
 */
class NetworkServiceTest {
    static final String CID = "c".repeat(64);
    static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");

    @TempDir
    Path root;
    EventPublisher events = mock(EventPublisher.class);
    NetworkPlumbing plumbing = mock(NetworkPlumbing.class);
    DefaultBridge bridge = mock(DefaultBridge.class);
    NetworkNamespaces namespaces = mock(NetworkNamespaces.class);
    ContainerStore containers = new ContainerStore();
    EndpointStore endpoints;
    NetworkService service;

    @BeforeEach
    void setUp() {
        EngineConfig config = new EngineConfig(root, root.resolve("exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        endpoints = new EndpointStore(config);
        service = new NetworkService(new NetworkStore(config), endpoints, new ContainerNetworkConfigs(config),
                containers, events, Clock.fixed(T0, ZoneOffset.UTC), config);
        when(bridge.definition()).thenReturn(new NetworkDefinition("b".repeat(64), "bridge", "bridge", "berth0",
                "172.18.0.0/16", "172.18.0.1", null, false, true, true, 1500, null, null, Map.of(),
                Map.of(NetworkDefinition.OPTION_BRIDGE_NAME, "berth0")));
        service.plumbing(plumbing, bridge, namespaces, mock(io.berth.engine.network.dns.EmbeddedDns.class));
    }

    static NetworkService.CreateSpec spec(String name, List<IpamPool> pools, Map<String, String> options) {
        return new NetworkService.CreateSpec(name, true, "bridge", false, false, false, false, "default", pools,
                null, options, Map.of("team", "a"), false, "");
    }

    static IpamPool pool(String subnet, String range, String gateway) {
        return new IpamPool(subnet, range, gateway, null);
    }

    Container container(String name, String mode, boolean running) {
        ContainerRecord r = new ContainerRecord(CID, "/" + name, T0, "sh", List.of(),
                TestConfigs.config("img", List.of("sh")),
                ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().setNetworkMode(mode).build(),
                running ? ContainerState.created().running(4242, 4241, T0) : ContainerState.created(), "sha256:x", "vfs",
                null, null, "/l", "/h", "/hs", "/r", 0, "linux", List.of());
        Container c = new Container(r);
        containers.add(c);
        return c;
    }

    @Test
    void list_predefinedNetworksFirst_asDockerdListsThem() {
        List<NetworkService.View> all = service.list(NetworkFilters.forList(Map.of()));

        assertEquals(List.of("bridge", "host", "none"), all.stream().map(v -> v.record().name()).toList());
        assertEquals(List.of("bridge", "host", "null"), all.stream().map(v -> v.record().driver()).toList());
        assertTrue(all.stream().allMatch(NetworkService.View::builtin));
        assertEquals("172.18.0.0/16", all.get(0).record().subnet());
    }

    @Test
    void create_choosesAFreeSubnet_makesTheBridge_keepsTheRecord_andPublishes() {
        NetworkService.Created c = service.create(spec("web", List.of(), Map.of()));

        NetworkService.View v = service.inspect("web");
        assertEquals(c.id(), v.record().id());
        assertEquals("", c.warning());
        assertFalse(v.builtin());
        assertFalse(Ipv4Cidr.parse(v.record().subnet()).overlaps(Ipv4Cidr.parse("172.18.0.0/16")),
                "the default bridge's subnet is taken");
        assertEquals(Ipv4Cidr.parse(v.record().subnet()).nth(1), v.record().gateway());
        assertEquals("br-" + c.id().substring(0, 12), v.record().bridgeName());
        verify(plumbing).ensureNetwork(v.record().definition());
        verify(events).publish(eq("network"), eq("create"), eq(c.id()),
                eq(Map.of("name", "web", "type", "bridge")), anyLong());
        assertTrue(root.resolve("network/networks/" + c.id() + ".json").toFile().isFile());
    }

    @Test
    void records_surviveARestart_withTheSameIdsForHostAndNone() {
        String id = service.create(spec("keep", List.of(pool("10.77.0.0/16", "10.77.1.0/24", "10.77.0.254")),
                Map.of())).id();
        String hostId = service.find("host").record().id();

        setUp();

        NetworkService.View v = service.inspect("keep");
        assertEquals(id, v.record().id());
        assertEquals("10.77.0.0/16", v.record().subnet());
        assertEquals("10.77.0.254", v.record().gateway());
        assertEquals("10.77.1.0/24", v.record().definition().ipRange());
        assertEquals(hostId, service.find("host").record().id());
        assertEquals(v.record(), service.find(id.substring(0, 5)).record(), "unique ID prefix");
    }

    @Test
    void create_duplicateName_409WithCheckDuplicate_elseAWarning() {
        String first = service.create(spec("dup", List.of(), Map.of())).id();

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> service.create(spec("dup", List.of(), Map.of())));
        assertEquals("network with name dup already exists", e.getMessage());
        assertEquals(409, e.category().httpStatus());

        NetworkService.Created second = service.create(new NetworkService.CreateSpec("dup", false, "", false, false,
                false, false, "", List.of(), null, Map.of(), Map.of(), false, ""));
        assertEquals("Network with name dup (id : " + first + ") already exists", second.warning());
    }

    @Test
    void create_refusals_withDockerdsStatuses() {
        assertStatus(403, "operation is not permitted on predefined bridge network",
                () -> service.create(spec("bridge", List.of(), Map.of())));
        assertStatus(404, "plugin \"nosuch\" not found", () -> service.create(new NetworkService.CreateSpec("x",
                true, "nosuch", false, false, false, false, "", List.of(), null, Map.of(), Map.of(), false, "")));
        assertStatus(403, "only one instance of \"host\" network is allowed", () -> service.create(
                new NetworkService.CreateSpec("x", true, "host", false, false, false, false, "", List.of(), null,
                        Map.of(), Map.of(), false, "")));
        assertStatus(501, "berth does not support the macvlan network driver yet (bridge only)", () -> service.create(
                new NetworkService.CreateSpec("x", true, "macvlan", false, false, false, false, "", List.of(), null,
                        Map.of(), Map.of(), false, "")));
        assertStatus(400, "invalid CIDR address: 10.0.0.0/33",
                () -> service.create(spec("x", List.of(pool("10.0.0.0/33", "", "")), Map.of())));
        assertStatus(400, "invalid gateway 10.1.0.1: it is not in the subnet 10.0.0.0/16",
                () -> service.create(spec("x", List.of(pool("10.0.0.0/16", "", "10.1.0.1")), Map.of())));
        assertStatus(400, "failed to allocate gateway (10.0.0.0): Address already in use",
                () -> service.create(spec("x", List.of(pool("10.0.0.0/24", "", "10.0.0.0")), Map.of())));
        assertStatus(400, "failed to allocate gateway (10.0.0.255): Address already in use",
                () -> service.create(spec("x", List.of(pool("10.0.0.0/24", "", "10.0.0.255")), Map.of())));
        assertStatus(400, "failed to parse com.docker.network.bridge.enable_icc value: strconv.ParseBool: parsing"
                + " \"maybe\": invalid syntax", () -> service.create(spec("x", List.of(),
                Map.of(NetworkDefinition.OPTION_ENABLE_ICC, "maybe"))));
        assertStatus(400, "invalid name:   ", () -> service.create(spec("  ", List.of(), Map.of())));
        assertStatus(400, "invalid name: network name cannot be empty",
                () -> service.create(spec("", List.of(), Map.of())));
        verify(plumbing, never()).ensureNetwork(any());
        assertEquals(3, service.list(NetworkFilters.forList(Map.of())).size(), "nothing was kept");
    }

    @Test
    void create_theNameIsKeptAsGiven_asDockerd() {
        String id = service.create(spec(" sp ", List.of(), Map.of())).id();
        String other = service.create(spec("bridge ", List.of(), Map.of())).id();

        assertEquals(" sp ", service.find(id).record().name());
        assertEquals("bridge ", service.find(other).record().name(), "not the predefined bridge");
        assertEquals(5, service.list(NetworkFilters.forList(Map.of())).size());
    }

    @Test
    void create_overlappingSubnet_403() {
        service.create(spec("a", List.of(pool("10.50.0.0/16", "", "")), Map.of()));

        assertStatus(403, "Pool overlaps with other one on this address space",
                () -> service.create(spec("b", List.of(pool("10.50.3.0/24", "", "")), Map.of())));
        assertStatus(403, "Pool overlaps with other one on this address space",
                () -> service.create(spec("c", List.of(pool("172.18.5.0/24", "", "")), Map.of())));
    }

    @Test
    void remove_predefined403_activeEndpoints403_else_destroyed() {
        assertStatus(403, "bridge is a pre-defined network and cannot be removed", () -> service.remove("bridge"));
        assertStatus(403, "none is a pre-defined network and cannot be removed", () -> service.remove("none"));
        assertStatus(404, "network nosuch not found", () -> service.remove("nosuch"));
        String id = service.create(spec("busy", List.of(), Map.of())).id();
        NetworkDefinition d = service.find(id).record().definition();
        endpoints.save(CID, List.of(new Attachment(d, new EndpointRequest(CID, "/n", "eth0", null, null, null, null,
                null), null)));

        assertStatus(403, "error while removing network: network busy id " + id + " has active endpoints",
                () -> service.remove("busy"));

        endpoints.save(CID, List.of());
        service.remove("busy");
        verify(plumbing).removeNetwork(d);
        verify(events).publish(eq("network"), eq("destroy"), eq(id), eq(Map.of("name", "busy", "type", "bridge")),
                anyLong());
        assertStatus(404, "network busy not found", () -> service.inspect("busy"));
        assertFalse(root.resolve("network/networks/" + id + ".json").toFile().exists());
    }

    @Test
    void prune_removesUnusedUserNetworks_byLabelAndUntil() {
        service.create(spec("p1", List.of(), Map.of()));
        service.create(new NetworkService.CreateSpec("p2", true, "", false, false, false, false, "", List.of(), null,
                Map.of(), Map.of("keep", "1"), false, ""));

        assertEquals(List.of(), service.prune(NetworkFilters.forPrune(Map.of("until", List.of("2026-12-04T19:00:00Z")))));
        assertEquals(List.of("p1"), service.prune(NetworkFilters.forPrune(Map.of("label!", List.of("keep")))));
        assertEquals(List.of("p2"), service.prune(NetworkFilters.forPrune(Map.of())));
        assertEquals(3, service.list(NetworkFilters.forList(Map.of())).size());
        assertThrows(InvalidArgumentException.class, () -> NetworkFilters.forPrune(Map.of("name", List.of("x"))));
    }

    @Test
    void listFilters_typeNameDanglingDriverLabel() {
        service.create(spec("front", List.of(), Map.of()));
        service.create(spec("back", List.of(), Map.of()));

        assertEquals(List.of("front", "back"), names(Map.of("type", List.of("custom"))));
        assertEquals(List.of("bridge", "host", "none"), names(Map.of("type", List.of("builtin"))));
        assertEquals(List.of("front"), names(Map.of("name", List.of("^fr"))));
        assertEquals(List.of("front", "back"), names(Map.of("dangling", List.of("true"))));
        assertEquals(List.of("host"), names(Map.of("driver", List.of("host"))));
        assertEquals(List.of("front", "back"), names(Map.of("label", List.of("team=a"))));
        assertStatus(400, "invalid filter: 'type'='x'", () -> NetworkFilters.forList(Map.of("type", List.of("x"))));
        assertStatus(400, "invalid filter 'nosuch'", () -> NetworkFilters.forList(Map.of("nosuch", List.of("x"))));
    }

    private List<String> names(Map<String, List<String>> f) {
        return service.list(NetworkFilters.forList(f)).stream().map(v -> v.record().name()).toList();
    }

    @Test
    void connectCreatedContainer_keptForItsStart_thenDisconnect() {
        service.create(spec("app", List.of(pool("10.60.0.0/16", "", "")), Map.of()));
        container("web", "bridge", false);

        service.connect("app", "web", new EndpointSettings(null, null, "10.60.0.9", null, List.of("www"), null));

        List<Map.Entry<NetworkDefinition, EndpointSettings>> configured = service.configured(CID);
        assertEquals(1, configured.size());
        assertEquals("app", configured.get(0).getKey().name());
        assertEquals("10.60.0.9", configured.get(0).getValue().ipv4Address());
        assertEquals(List.of("www"), configured.get(0).getValue().aliases());
        verify(plumbing, never()).attach(any(), any());
        String id = service.find("app").record().id();
        verify(events).publish(eq("network"), eq("connect"), eq(id),
                eq(Map.of("container", CID, "name", "app", "type", "bridge")), anyLong());
        assertStatus(403, "endpoint with name web already exists in network app",
                () -> service.connect("app", "web", new EndpointSettings(null, null, null, null, null, null)));

        service.disconnect("app", "web", false);

        assertEquals(List.of(), service.configured(CID));
        assertStatus(400, "container " + CID + " is not connected to the network app",
                () -> service.disconnect("app", "web", false));
    }

    @Test
    void createdOnAUserNetwork_disconnectedFromIt_canBeConnectedAgain_asDockerComposeDoes() {
        service.create(spec("proj_default", List.of(pool("10.61.0.0/16", "", "")), Map.of()));
        container("proj_web_1", "proj_default", false);
        service.created(CID, service.checkCreate("proj_default", Map.of("proj_default",
                new EndpointSettings(null, null, null, null, List.of("web"), null))));
        assertStatus(403, "endpoint with name proj_web_1 already exists in network proj_default",
                () -> service.connect("proj_default", "proj_web_1", new EndpointSettings(null, null, null, null,
                        null, null)));

        service.disconnect("proj_default", "proj_web_1", false);
        service.connect("proj_default", "proj_web_1", new EndpointSettings(null, null, null, null,
                List.of("web", "cccccccccccc"), null));

        List<Map.Entry<NetworkDefinition, EndpointSettings>> configured = service.configured(CID);
        assertEquals(1, configured.size());
        assertEquals("proj_default", configured.get(0).getKey().name());
        assertEquals(List.of("web", "cccccccccccc"), configured.get(0).getValue().aliases());
    }

    @Test
    void connectRunningContainer_attachesThroughThePlumbing_recordFirst() {
        service.create(spec("live", List.of(), Map.of()));
        container("web", "bridge", true);
        when(namespaces.path(CID)).thenReturn(Path.of("/run/netns/x"));
        when(plumbing.attach(any(), any())).thenAnswer(inv -> {
            assertEquals(1, endpoints.load(CID).size(), "the record is written before the attach");
            return new Endpoint("e".repeat(64), "n", CID, "eth0", "10.0.0.2", 16, "10.0.0.1", "02:42:0a:00:00:02",
                    null, 0, null, "veth1", null);
        });

        service.connect("live", "web", new EndpointSettings(null, null, null, null, List.of("a1"), null));

        Attachment a = endpoints.load(CID).get(0);
        assertEquals("eth0", a.request().interfaceName());
        assertEquals("/run/netns/x", a.request().netnsPath());
        assertEquals(List.of("a1"), a.request().aliases());
        NetworkService.Member m = service.inspect("live").containers().get(0);
        assertEquals("web", m.name());
        assertEquals("10.0.0.2/16", m.ipv4Address());
        assertStatus(403, "error while removing network: network live id " + service.find("live").record().id()
                + " has active endpoints", () -> service.remove("live"));

        service.disconnect("live", "web", false);

        verify(plumbing).detach(a.network(), a.request());
        assertEquals(List.of(), endpoints.load(CID));
        assertStatus(400, "container " + CID + " is not connected to network live",
                () -> service.disconnect("live", "web", false));
    }

    @Test
    void connect_refusals_asRunconfig() {
        service.create(spec("auto", List.of(), Map.of()));
        container("h", "host", false);
        assertStatus(400, "container cannot be disconnected from host network or connected to host network",
                () -> service.connect("auto", "h", new EndpointSettings(null, null, null, null, null, null)));
        containers.remove(containers.get("h"));
        container("w", "bridge", false);
        assertStatus(400, "user specified IP address is supported only when connecting to networks with user"
                + " configured subnets",
                () -> service.connect("auto", "w", new EndpointSettings(null, null, "10.0.0.5", null, null, null)));
        assertStatus(400, "network-scoped alias is supported only for containers in user defined networks",
                () -> service.connect("bridge", "w", new EndpointSettings(null, null, null, null, List.of("x"), null)));
        assertStatus(404, "No such container: nosuch",
                () -> service.connect("auto", "nosuch", new EndpointSettings(null, null, null, null, null, null)));
        assertStatus(404, "network nosuch not found",
                () -> service.connect("nosuch", "w", new EndpointSettings(null, null, null, null, null, null)));
    }

    @Test
    void withoutPlumbing_runningConnectAndUserNetworkCreate_are501() {
        EngineConfig config = new EngineConfig(root, root.resolve("exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        NetworkService bare = new NetworkService(new NetworkStore(config), endpoints,
                new ContainerNetworkConfigs(config), containers, events, Clock.systemUTC(), config);
        bare.create(spec("solo", List.of(), Map.of()));
        container("run", "bridge", true);

        assertStatus(501, "berth cannot connect a running container to a network yet (no network plumbing in this"
                + " build)", () -> bare.connect("solo", "run", new EndpointSettings(null, null, null, null, null, null)));
        assertThrows(NotImplementedException.class, () -> bare.checkCreate("solo", Map.of()));
        assertEquals(List.of(), bare.checkCreate("bridge", Map.of()));
        assertFalse(bare.hasPlumbing());
    }

    @Test
    void checkCreate_userNetwork_keepsItsEndpointSettings() {
        service.create(spec("u", List.of(pool("10.70.0.0/24", "", "")), Map.of()));

        List<EndpointSettings> s = service.checkCreate("u", Map.of("u",
                new EndpointSettings(null, null, "10.70.0.7", null, List.of("db"), null)));

        assertEquals(1, s.size());
        assertEquals(service.find("u").record().id(), s.get(0).networkId());
        assertEquals(List.of("db"), s.get(0).aliases());
        List<EndpointSettings> later = service.checkCreate("nosuch", Map.of());
        assertEquals("", later.get(0).networkId(), "a missing network is no error at create (dockerd 20.10)");
        service.created(CID, later);
        assertStatus(404, "network nosuch not found", () -> service.configured(CID));
        assertStatus(400, "invalid IPv4 address 10.71.0.7: it is not in the subnet 10.70.0.0/24 of network u",
                () -> service.checkCreate("u", Map.of("u", new EndpointSettings(null, null, "10.71.0.7", null, null,
                        null))));
    }

    static void assertStatus(int status, String message, org.junit.jupiter.api.function.Executable call) {
        BerthException e = assertThrows(BerthException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(status, e.category().httpStatus(), e.getMessage());
    }
}
