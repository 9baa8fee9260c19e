package io.berth.gateway.router.unimplemented;

import io.berth.proto.storage.v1.GetImageRequest;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.gateway.testing.DockerCli;
import io.berth.gateway.testing.DockerCli.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.common.errors.NotFoundException;
import io.berth.gateway.http.GatewayChannelInitializer;
import io.berth.gateway.http.GatewayServer;
import io.berth.gateway.http.RouteTable;
import io.berth.gateway.http.WorkerPool;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersBackend;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.images.ImagesRouter;
import io.berth.gateway.router.system.SystemBackend;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.CreateContainerResponse;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The real docker CLI against the gateway (mocked backends): what a user sees for an endpoint berth lacks,
 * for an object lookup, for a refused run option, and what the CLI's run flags become for the engine.
 * Without the CLI it fails under CI and is skipped elsewhere ({@link DockerCli#requireInstalled}).
 */
@ExtendWith(MockitoExtension.class)
class UnimplementedCliTest {
    static final String ID = "9a5a9047818a40cf53d0b0a85305eaadbf5f8214366e736b16139680cb582447";

    @Mock
    SystemBackend system;
    @Mock
    ContainersBackend containers;
    @Mock
    ImagesBackend images;
    @TempDir
    Path dir;
    GatewayServer server;
    WorkerPool workers;
    Path socket;


    @BeforeEach
    void start() {
        DockerCli.requireInstalled();
        socket = dir.resolve("docker.sock");
        workers = new WorkerPool();
        Clock clock = Clock.systemUTC();
        RouteTable routes = new RouteTable(new LinkedHashSet<>(List.of(
                new SystemRouter(system, clock),
                new ImagesRouter(images, workers),
                new ContainersRouter(containers, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), clock),
                new ContainerStreamsRouter(containers),
                new UnimplementedRouter())));
        server = new GatewayServer(new GatewayChannelInitializer(routes, workers));
        server.start(List.of(socket));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            workers.close();
        }
    }

    private Result docker(String... args) throws Exception {
        return new DockerCli(socket, dir).run(null, args);
    }

    @Test
    void dockerPluginLs_printsTheNotImplementedMessage() throws Exception {
        Result plugins = docker("plugin", "ls");
        assertEquals(1, plugins.exitCode(), plugins.stdout() + plugins.stderr());
        assertTrue(plugins.stderr().contains("Error response from daemon: berth does not implement plugins yet"),
                plugins.stderr());
    }

    @Test
    void dockerInspect_unknownName_noSuchObject() throws Exception {
        when(containers.inspect(InspectContainerRequest.newBuilder().setId("nosuch").build()))
                .thenThrow(new NotFoundException("No such container: nosuch"));
        when(images.getImage(GetImageRequest.newBuilder().setReference("nosuch").build()))
                .thenThrow(new NotFoundException("No such image: nosuch"));
        lenient().when(system.storageInfo()).thenReturn(GetStorageInfoResponse.getDefaultInstance());

        Result r = docker("inspect", "nosuch");

        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("No such object: nosuch"), r.stderr());
    }

    @Test
    void dockerCreatePublish_cliSpecsReachTheEngineAsGiven() throws Exception {
        when(containers.create(any())).thenReturn(CreateContainerResponse.newBuilder().setId(ID).build());

        Result r = docker("create", "-p", "8080:80", "-p", "127.0.0.1:5353:53/udp", "-p", "8000-8001:90-91",
                "-p", "7000-7010:70", "-p", "443", "-P", "--expose", "9000", "fixture/busybox:1", "true");

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        ArgumentCaptor<CreateContainerRequest> req = ArgumentCaptor.forClass(CreateContainerRequest.class);
        verify(containers).create(req.capture());
        HostConfig hc = req.getValue().getHostConfig();
        assertTrue(hc.getPublishAllPorts());
        assertEquals(Map.of("80/tcp", bindings("", "8080"), "53/udp", bindings("127.0.0.1", "5353"),
                "90/tcp", bindings("", "8000"), "91/tcp", bindings("", "8001"), "70/tcp", bindings("", "7000-7010"),
                "443/tcp", bindings("", "")), hc.getPortBindingsMap());
        assertEquals(java.util.Set.of("80/tcp", "53/udp", "90/tcp", "91/tcp", "70/tcp", "443/tcp", "9000/tcp"),
                java.util.Set.copyOf(req.getValue().getConfig().getExposedPortsList()),
                "the CLI exposes every published port");
    }

    private static io.berth.proto.engine.v1.PortBindings bindings(String ip, String port) {
        return io.berth.proto.engine.v1.PortBindings.newBuilder().addBindings(io.berth.proto.engine.v1.PortBinding
                .newBuilder().setHostIp(ip).setHostPort(port)).build();
    }

    @Test
    void dockerCreate_runFlags_reachTheEngine() throws Exception {
        when(containers.create(any())).thenReturn(CreateContainerResponse.newBuilder().setId(ID).build());

        Result r = docker("create", "-v", "/tmp/x:/x:ro", "--tmpfs", "/run:size=64m", "--cap-drop", "ALL",
                "--cap-add", "net_admin", "--cpus", "0.5", "--ulimit", "nofile=100:200", "--dns", "1.1.1.1",
                "--dns-search", "example.com", "--dns-option", "ndots:2", "--add-host", "a:1.2.3.4", "--network",
                "host", "--read-only", "--mount", "type=tmpfs,target=/t,tmpfs-size=1m", "fixture/busybox:1", "true");

        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(ID, r.stdout().trim());
        ArgumentCaptor<CreateContainerRequest> req = ArgumentCaptor.forClass(CreateContainerRequest.class);
        verify(containers).create(req.capture());
        HostConfig hc = req.getValue().getHostConfig();
        assertEquals(List.of("/tmp/x:/x:ro"), hc.getBindsList());
        assertEquals(Map.of("/run", "size=64m"), hc.getTmpfsMap());
        assertEquals(List.of("ALL"), hc.getCapDropList());
        assertEquals(List.of("CAP_NET_ADMIN"), hc.getCapAddList());
        assertEquals(500_000_000L, hc.getNanoCpus());
        assertEquals("nofile", hc.getUlimits(0).getName());
        assertEquals(100, hc.getUlimits(0).getSoft());
        assertEquals(200, hc.getUlimits(0).getHard());
        assertEquals(List.of("1.1.1.1"), hc.getDnsList());
        assertEquals(List.of("example.com"), hc.getDnsSearchList());
        assertEquals(List.of("ndots:2"), hc.getDnsOptionsList());
        assertEquals(List.of("a:1.2.3.4"), hc.getExtraHostsList());
        assertEquals("host", hc.getNetworkMode());
        assertTrue(hc.getReadonlyRootfs());
        assertEquals(HostConfig.Mount.newBuilder().setType("tmpfs").setTarget("/t").setTmpfsSizeBytes(1 << 20)
                .build(), hc.getMounts(0));
        verify(images, never()).getImage(any());
    }
}
