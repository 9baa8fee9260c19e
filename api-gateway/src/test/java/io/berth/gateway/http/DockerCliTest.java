package io.berth.gateway.http;

import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.gateway.testing.DockerCli;
import io.berth.gateway.testing.DockerCli.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.protobuf.Timestamp;
import io.berth.common.errors.NotFoundException;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersBackend;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.host.EventsListeners;
import io.berth.gateway.host.HostFacts;
import io.berth.gateway.host.SystemFactsProbe;
import io.berth.gateway.router.system.SystemBackend;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.engine.v1.ListContainersRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The real docker CLI (/usr/local/bin/docker) against the gateway on a temp unix socket, with mocked
 * backends. Without the CLI it fails under CI and is skipped elsewhere ({@link DockerCli#requireInstalled}).
 */
@ExtendWith(MockitoExtension.class)
class DockerCliTest {
    static final Instant NOW = Instant.now();

    @Mock
    SystemBackend system;
    @Mock
    ContainersBackend containers;
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
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RouteTable routes = new RouteTable(Set.of(
                new SystemRouter(system, clock),
                new ContainersRouter(containers, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), clock),
                new ContainerStreamsRouter(containers)));
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
    void dockerVersion_showsServerApiVersions() throws Exception {
        when(system.systemFacts()).thenReturn(hostFacts());
        Result r = docker("version");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("Server: berth"), r.stdout());
        assertTrue(Pattern.compile("API version:\\s+1\\.41 \\(downgraded from 1\\.\\d+\\)").matcher(r.stdout()).find(),
                r.stdout());
        assertTrue(Pattern.compile("API version:\\s+1\\.41 \\(minimum version 1\\.12\\)").matcher(r.stdout()).find(),
                r.stdout());
        assertTrue(Pattern.compile("OS/Arch:\\s+linux/").matcher(r.stdout()).find(), r.stdout());
        assertTrue(Pattern.compile("Experimental:\\s+false").matcher(r.stdout()).find(), r.stdout());
    }

    @Test
    void dockerPsA_listsContainersWithStatus() throws Exception {
        Container web = Container.newBuilder().setId("9a5a9047818a" + "0".repeat(52)).setName("/web")
                .setImageId("sha256:abc").setCreated(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 600))
                .setPath("sh").addArgs("-c").addArgs("while true; do echo tick; sleep 1; done")
                .setConfig(ContainerConfig.newBuilder().setImage("fixture/busybox:1"))
                .setState(ContainerState.newBuilder().setStatus("running").setRunning(true)
                        .setStartedAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 3)))
                .build();
        Container done = Container.newBuilder().setId("fb3f7e000000" + "1".repeat(52)).setName("/capw")
                .setImageId("sha256:abc").setCreated(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 900))
                .setPath("echo").addArgs("hello")
                .setConfig(ContainerConfig.newBuilder().setImage("fixture/busybox:1"))
                .setState(ContainerState.newBuilder().setStatus("exited").setExitCode(3)
                        .setStartedAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 800))
                        .setFinishedAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 120)))
                .build();
        when(containers.list(any())).thenReturn(List.of(web, done));
        Result r = docker("ps", "-a");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        ArgumentCaptor<ListContainersRequest> req = ArgumentCaptor.forClass(ListContainersRequest.class);
        verify(containers).list(req.capture());
        assertTrue(req.getValue().getAll());
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("CONTAINER ID"), r.stdout());
        assertTrue(lines[1].startsWith("9a5a9047818a"), r.stdout());
        assertTrue(lines[1].contains("fixture/busybox:1") && lines[1].contains("Up 3 seconds")
                && lines[1].endsWith("web"), r.stdout());
        assertTrue(lines[1].contains("\"sh -c 'while true"), r.stdout());
        assertTrue(lines[2].contains("Exited (3) 2 minutes ago") && lines[2].endsWith("capw"), r.stdout());
    }

    @Test
    void dockerInfo_printsRealValuesWithoutErrors() throws Exception {
        when(system.listAllContainers()).thenReturn(List.of(Container.newBuilder()
                .setState(ContainerState.newBuilder().setStatus("running").setRunning(true)).build()));
        when(system.storageInfo()).thenReturn(io.berth.proto.storage.v1.GetStorageInfoResponse.newBuilder()
                .setDriver("overlay2").setImages(2).setDataRoot("/var/lib/berth")
                .addDriverStatus(io.berth.proto.storage.v1.DriverStatus.newBuilder().setKey("Backing Filesystem")
                        .setValue("extfs")).build());
        when(system.systemFacts()).thenReturn(hostFacts());
        Result r = docker("info");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(Pattern.compile("Containers: 1\n\s+Running: 1\n\s+Paused: 0\n\s+Stopped: 0")
                .matcher(r.stdout()).find(), r.stdout());
        assertTrue(r.stdout().contains("Images: 2"), r.stdout());
        assertTrue(r.stdout().contains("Storage Driver: overlay2"), r.stdout());
        assertTrue(r.stdout().contains("Docker Root Dir: /var/lib/berth"), r.stdout());
        assertTrue(r.stdout().contains("Server Version: " + io.berth.gateway.BuildInfo.VERSION), r.stdout());
        assertTrue(r.stdout().contains("CPUs: " + Runtime.getRuntime().availableProcessors()), r.stdout());
        assertTrue(!r.stderr().contains("rror"), r.stderr());
    }

    @Test
    void dockerInspect_unknownName_walksTheLookupsAndPrintsNoSuchObject() throws Exception {
        when(containers.inspect(InspectContainerRequest.newBuilder().setId("nonexist").build()))
                .thenThrow(new NotFoundException("No such container: nonexist"));
        org.mockito.Mockito.lenient().when(system.storageInfo())
                .thenReturn(io.berth.proto.storage.v1.GetStorageInfoResponse.getDefaultInstance());
        Result r = docker("inspect", "nonexist");
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("No such object: nonexist"), r.stderr());
    }

    /** This machine's facts, as the gateway measures them. */
    private static io.berth.gateway.host.SystemFacts hostFacts() {
        return new SystemFactsProbe(new HostFacts(Path.of("/")), new EventsListeners(), false, "json-file", List.of()).measure();
    }
}
