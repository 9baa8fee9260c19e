package io.berth.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** {@link ContainerNetworks} at its boundaries: namespaces and plugins mocked, the endpoint records real files. */
class ContainerNetworksTest {
    private static final String ID = "ab".repeat(32);
    private final NetworkNamespaces namespaces = mock(NetworkNamespaces.class);
    private final NetworkPlumbing plumbing = mock(NetworkPlumbing.class);
    private final NetworkCatalog catalog = mock(NetworkCatalog.class);
    private final NetworkDefinition bridge = new NetworkDefinition("cd".repeat(32), "bridge", "bridge", "bt0",
            "172.18.0.0/16", "172.18.0.1", null, false, true, true, 1500, null, null, Map.of(), Map.of());
    @TempDir
    Path tmp;
    private EndpointStore endpoints;
    private ContainerNetworks networks;
    private Path ns;

    @BeforeEach
    void setUp() {
        endpoints = new EndpointStore(tmp.resolve("endpoints"));
        networks = new ContainerNetworks(namespaces, plumbing, endpoints, catalog, mock(NetworkService.class),
                mock(io.berth.engine.network.dns.EmbeddedDns.class));
        ns = tmp.resolve("netns").resolve(ID);
        when(namespaces.create(ID)).thenReturn(ns);
        when(catalog.defaultBridge()).thenReturn(bridge);
    }

    private static ContainerRecord record(String mode, String mac) {
        return new ContainerRecord(ID, "/c", Instant.EPOCH, "sh", List.of(),
                TestConfigs.config("img", List.of("sh")).toBuilder().setMacAddress(mac).build(),
                HostConfig.newBuilder().setNetworkMode(mode).build(), ContainerState.created(), "sha256:x", "vfs", null,
                null, "", "", "", "", 0, "linux", List.of());
    }

    private Endpoint endpoint(EndpointRequest r) {
        return new Endpoint("ee".repeat(32), bridge.id(), r.containerId(), r.interfaceName(), "172.18.0.2", 16,
                "172.18.0.1", "02:42:ac:12:00:02", "", 0, "", "veth0", r.portMappings());
    }

    @Test
    void setUp_hostAndContainerModes_nothingOfTheirOwn() {
        assertSame(ContainerNetworks.Sandbox.NONE, networks.setUp(record("host", "")));
        assertSame(ContainerNetworks.Sandbox.NONE, networks.setUp(record("container:other", "")));
        verify(namespaces, never()).create(anyString());
    }

    @Test
    void setUp_none_loopbackOnly() {
        ContainerNetworks.Sandbox s = networks.setUp(record("none", ""));

        assertEquals(ns.toString(), s.netnsPath());
        assertEquals(List.of(), s.endpoints());
        verify(plumbing).loopback(ID, ns.toString());
        verify(plumbing, never()).attach(any(), any());
    }

    @Test
    void setUp_defaultBridge_recordWrittenBeforeTheAddAndCompletedAfter() {
        when(plumbing.attach(eq(bridge), any())).thenAnswer(inv -> {
            List<Attachment> during = endpoints.load(ID);
            assertEquals(1, during.size(), "recorded before the ADD");
            assertNull(during.get(0).endpoint());
            return endpoint(inv.getArgument(1));
        });
        List<PortMapping> ports = List.of(new PortMapping("tcp", 80, "", 8080));

        ContainerNetworks.Sandbox s = networks.setUp(record("default", "02:42:AC:11:00:09"), ports);

        assertEquals(List.of("172.18.0.2"), s.addresses());
        Attachment a = networks.attachments(ID).get(0);
        assertEquals("172.18.0.2", a.endpoint().ipAddress());
        assertEquals("eth0", a.request().interfaceName());
        assertEquals(ns.toString(), a.request().netnsPath());
        assertEquals("02:42:ac:11:00:09", a.request().macAddress());
        assertEquals(ports, a.request().portMappings());
    }

    @Test
    void setUp_attachFails_everythingReleasedAndTheErrorGoesOn() {
        when(plumbing.attach(any(), any())).thenThrow(new InternalException("CNI plugin bridge ADD failed: x"));

        assertThrows(InternalException.class, () -> networks.setUp(record("bridge", "")));

        InOrder order = inOrder(plumbing, namespaces);
        order.verify(plumbing).detach(eq(bridge), any());
        order.verify(namespaces).remove(ID);
        assertEquals(List.of(), endpoints.load(ID));
    }

    @Test
    void setUp_unknownNetwork_404AndNoNamespaceLeft() {
        when(catalog.find("back")).thenReturn(Optional.empty());

        NotFoundException e = assertThrows(NotFoundException.class, () -> networks.setUp(record("back", "")));

        assertEquals("network back not found", e.getMessage());
        // once before (what a previous run may have left), once for the failure
        verify(namespaces, org.mockito.Mockito.times(2)).remove(ID);
    }

    @Test
    void release_delOfEveryRecordedAttachmentBeforeTheNamespace_thenSweepSkipsRunningOnes() throws Exception {
        EndpointRequest req = new EndpointRequest(ID, ns.toString(), "eth0", null, null, null, List.of(), List.of());
        endpoints.save(ID, List.of(new Attachment(bridge, req, null)));
        String other = "ef".repeat(32);
        endpoints.save(other, List.of(new Attachment(bridge, req, endpoint(req))));
        when(namespaces.list()).thenReturn(List.of(ID, other));
        Path torn = tmp.resolve("endpoints").resolve("." + ID + ".json.tmp-3fc7f10c-4aec-4aed-a705-a48e2b6088d6");
        java.nio.file.Files.writeString(torn, "[{\"Netw");

        networks.sweep(Set.of(other));

        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(torn), "a write cut short is deleted");

        InOrder order = inOrder(plumbing, namespaces);
        order.verify(plumbing).detach(bridge, req);
        order.verify(namespaces).remove(ID);
        verify(namespaces, never()).remove(other);
        assertEquals(List.of(), endpoints.load(ID));
        assertEquals(1, endpoints.load(other).size());
    }

    @Test
    void sweep_ofARunningContainer_undoesTheAttachAKillCutShort_keepsTheCompleteOnes() {
        EndpointRequest eth0 = new EndpointRequest(ID, ns.toString(), "eth0", null, null, null, List.of(), List.of());
        EndpointRequest eth1 = new EndpointRequest(ID, ns.toString(), "eth1", null, null, null, List.of(), List.of());
        NetworkDefinition user = new NetworkDefinition("fa".repeat(32), "app", "bridge", "br-fafafafafafa",
                "10.98.0.0/24", "10.98.0.1", null, false, true, true, 1500, null, null, Map.of(), Map.of());
        endpoints.save(ID, List.of(new Attachment(bridge, eth0, endpoint(eth0)), new Attachment(user, eth1, null)));
        when(namespaces.list()).thenReturn(List.of(ID));

        networks.sweep(Set.of(ID));

        verify(plumbing).detach(user, eth1);
        verify(plumbing, never()).detach(bridge, eth0);
        verify(namespaces, never()).remove(ID);
        List<Attachment> left = endpoints.load(ID);
        assertEquals(1, left.size());
        assertEquals("eth0", left.get(0).request().interfaceName());
    }
}
