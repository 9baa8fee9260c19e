package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.berth.common.errors.InternalException;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.network.PortMapping;
import io.berth.engine.network.ports.HostPortReservations;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published ports through the real create, start and exit paths (runc and conmon mocked, host sockets real, on
 * 127.0.0.1): the start holds the host ports before launching, a port in use fails the start with dockerd's text
 * and holds nothing, the exit releases them.
 */
class PublishedPortsLifecycleTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;

    @BeforeEach
    void setUp() {
        m = new MockedEngineAccess(tmp);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private ContainerRecord create(String name, String hostPort) {
        ContainerConfig c = TestConfigs.config(MockedEngineAccess.IMAGE, null).toBuilder().addExposedPorts("80/tcp")
                .build();
        HostConfig hc = ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().putPortBindings("80/tcp",
                PortBindings.newBuilder().addBindings(PortBinding.newBuilder().setHostIp("127.0.0.1")
                        .setHostPort(hostPort)).build()).build();
        return m.get(ContainerCreator.class).create(new CreateRequest(name, c, hc), new ArrayList<>());
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void start_holdsThePort_exitReleasesIt() {
        ContainerRecord r = m.startRunning(create("web", ""));
        List<PortMapping> held = m.get(HostPortReservations.class).published(r.id());

        assertEquals(1, held.size());
        assertEquals("127.0.0.1", held.get(0).hostIp());
        assertFalse(bindable(held.get(0).hostPort()), "held while running");

        m.get(ContainerExitHandler.class).onExit(r.id(), 0);

        assertEquals(List.of(), m.get(HostPortReservations.class).published(r.id()));
        assertTrue(bindable(held.get(0).hostPort()), "free after the exit");
    }

    @Test
    void start_portInUse_failsBeforeLaunchingWithDockerdText() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            ContainerRecord r = create("web", Integer.toString(port));

            InternalException e = assertThrows(InternalException.class,
                    () -> m.get(ContainerStarter.class).start("web"));

            assertTrue(e.getMessage().matches("driver failed programming external connectivity on endpoint web"
                    + " \\([0-9a-f]{64}\\): Error starting userland proxy: listen tcp4 127\\.0\\.0\\.1:" + port
                    + ": bind: address already in use"), e.getMessage());
            ContainerRecord after = m.get(ContainerQueries.class).inspect("web");
            assertEquals("created", after.state().status());
            assertEquals(e.getMessage(), after.state().error());
            assertEquals(128, after.state().exitCode());
            verify(m.conmon, never()).launch(anyString(), anyString(), any(), any(), anyBoolean(), any());
            verify(m.plumbing, never()).attach(any(), any());
            verify(m.namespaces, never()).create(anyString());
            assertEquals(List.of(), m.get(HostPortReservations.class).published(r.id()));
        }
    }

    @Test
    void start_publishedPorts_reachThePortmapPluginThroughTheEndpointRequest() {
        ContainerRecord r = m.startRunning(create("web", ""));
        List<PortMapping> held = m.get(HostPortReservations.class).published(r.id());

        org.mockito.ArgumentCaptor<io.berth.engine.network.EndpointRequest> req =
                org.mockito.ArgumentCaptor.forClass(io.berth.engine.network.EndpointRequest.class);
        verify(m.plumbing).attach(any(), req.capture());
        assertEquals(held, req.getValue().portMappings());
    }

    @Test
    void start_portHeldByAnotherContainer_alreadyAllocated() {
        ContainerRecord first = m.startRunning(create("web", ""));
        int port = m.get(HostPortReservations.class).published(first.id()).get(0).hostPort();
        create("db", Integer.toString(port));

        InternalException e = assertThrows(InternalException.class, () -> m.get(ContainerStarter.class).start("db"));

        assertTrue(e.getMessage().endsWith("Bind for 127.0.0.1:" + port + " failed: port is already allocated"),
                e.getMessage());
        assertEquals(1, m.get(HostPortReservations.class).published(first.id()).size(), "the first keeps its port");
    }
}
