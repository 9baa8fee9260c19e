package io.berth.gateway.e2e;

import io.berth.common.testing.TestEnvironment;
import io.berth.gateway.testing.DockerCli;
import io.berth.gateway.testing.DockerCli.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.gateway.http.GatewayChannelInitializer;
import io.berth.gateway.testing.Await;
import io.berth.gateway.http.GatewayServer;
import io.berth.gateway.http.RouteTable;
import io.berth.gateway.http.WorkerPool;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.router.containers.GrpcContainersBackend;
import io.berth.gateway.router.images.GrpcImagesBackend;
import io.berth.gateway.router.images.ImagesRouter;
import io.berth.gateway.router.system.GrpcSystemBackend;
import io.berth.gateway.host.EventsListeners;
import io.berth.gateway.host.HostFacts;
import io.berth.gateway.host.SystemFactsProbe;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.WaitCondition;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI's {@code docker run} (create, hijacked attach, wait, start) through the gateway and
 * the real gRPC client code against an in-process {@link FakeEngine}. Without the CLI (or, for the load, the
 * fixture image) the tests fail under CI and are skipped elsewhere ({@link TestEnvironment}).
 */
class DockerRunFlowTest {

    @TempDir
    Path dir;
    Server grpc;
    ManagedChannel channel;
    final FakeMonitor monitor = new FakeMonitor();
    GatewayServer gateway;
    WorkerPool workers;


    private void start(FakeEngine engine) throws Exception {
        start(engine, new FakeStorage());
    }

    private void start(FakeEngine engine, FakeStorage storage) throws Exception {
        DockerCli.requireInstalled();
        String name = InProcessServerBuilder.generateName();
        grpc = InProcessServerBuilder.forName(name).addService(engine).addService(storage).addService(monitor)
                .addService(new io.grpc.protobuf.services.HealthStatusManager().getHealthService()).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        ContainersGrpc.ContainersBlockingStub blocking = ContainersGrpc.newBlockingStub(channel);
        GrpcContainersBackend containers = new GrpcContainersBackend(blocking, ContainersGrpc.newStub(channel));
        workers = new WorkerPool();
        EventsListeners listeners = new EventsListeners();
        RouteTable routes = new RouteTable(Set.of(
                new SystemRouter(new GrpcSystemBackend(blocking, ImagesGrpc.newBlockingStub(channel),
                        new SystemFactsProbe(new HostFacts(Path.of("/")), listeners, false, "json-file", List.of())), Clock.systemUTC()),
                new ContainersRouter(containers, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), Clock.systemUTC()),
                new ContainerStreamsRouter(containers),
                new io.berth.gateway.router.events.EventsRouter(new io.berth.gateway.router.events.GrpcEventsBackend(
                        io.berth.proto.monitor.v1.EventsGrpc.newStub(channel),
                        io.grpc.health.v1.HealthGrpc.newBlockingStub(channel), listeners), Clock.systemUTC()),
                new ImagesRouter(new GrpcImagesBackend(ImagesGrpc.newBlockingStub(channel),
                        ImagesGrpc.newStub(channel), blocking), workers)));
        gateway = new GatewayServer(new GatewayChannelInitializer(routes, workers));
        gateway.start(List.of(dir.resolve("docker.sock")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
            workers.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Result docker(String stdin, String... args) throws Exception {
        return new DockerCli(dir.resolve("docker.sock"), dir).run(stdin, args);
    }

    @Test
    void dockerRunRm_printsOutputAndExitsWithTheExitCode() throws Exception {
        FakeEngine engine = new FakeEngine("out\n", "err\n", 3);
        start(engine);
        Result r = docker(null, "run", "--rm", "fixture/busybox:1", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                engine.created.get(0).getConfig().getCmd().getValuesList());
        assertTrue(engine.created.get(0).getHostConfig().getAutoRemove());
        assertTrue(engine.calls.contains("wait " + WaitCondition.WAIT_CONDITION_REMOVED), engine.calls.toString());
        assertTrue(engine.calls.indexOf("attach") < engine.calls.indexOf("start"), engine.calls.toString());
    }

    @Test
    void dockerRunInteractive_pipesStdinAndItsEof() throws Exception {
        FakeEngine engine = new FakeEngine("", "", 0);
        start(engine);
        Result r = docker("piped\n", "run", "-i", "--rm", "fixture/busybox:1", "cat");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals("piped\n", r.stdout());
    }

    @Test
    void dockerRunDetached_printsIdAndTheCancelledWaitIsCleanedUp() throws Exception {
        FakeEngine engine = new FakeEngine("", "", 0);
        engine.keepsRunning = true;
        start(engine);
        Result r = docker(null, "run", "-d", "--name", "web", "fixture/busybox:1", "sleep", "5");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(FakeEngine.ID + "\n", r.stdout());
        assertEquals("web", engine.created.get(0).getName());
        assertTrue(engine.calls.contains("wait " + WaitCondition.WAIT_CONDITION_NEXT_EXIT), engine.calls.toString());
        Await.until("the engine's wait call is cancelled after the CLI hung up", () -> engine.waitCancelled);
    }

    @Test
    void dockerRunMissingImage_printsTheDaemonsError() throws Exception {
        FakeEngine engine = new FakeEngine("", "", 0);
        start(engine);
        Result r = docker(null, "run", "--rm", "missing:v1", "true");
        assertEquals(125, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("Unable to find image 'missing:v1' locally"), r.stderr());
        assertTrue(r.stderr().contains("berth cannot pull images yet"), r.stderr());
    }

    @Test
    void dockerLoadImagesAndInspect_goThroughStorage() throws Exception {
        Path archive = TestEnvironment.current().fixtureImage("busybox-1.docker-archive.tar");
        FakeStorage storage = new FakeStorage();
        start(new FakeEngine("", "", 0), storage);
        Result load = docker(null, "load", "-i", archive.toString());
        assertEquals(0, load.exitCode(), load.stdout() + load.stderr());
        assertEquals("Loaded image: fixture/busybox:1\n", load.stdout());
        assertEquals(Files.size(archive), storage.received.size());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(archive), storage.received.toByteArray()));

        Result images = docker(null, "images");
        assertEquals(0, images.exitCode(), images.stderr());
        assertTrue(images.stdout().lines().anyMatch(l -> l.startsWith("fixture/busybox") && l.contains(" 1 ")
                && l.contains("abababababab") && l.contains("1.23MB")), images.stdout());

        Result inspect = docker(null, "image", "inspect", "--format",
                "{{.Id}} {{json .RepoTags}} {{json .RootFS.Layers}} {{json .Config.Cmd}} {{.Size}}", "fixture/busybox:1");
        assertEquals(0, inspect.exitCode(), inspect.stderr());
        assertEquals(FakeStorage.IMAGE.getId() + " [\"fixture/busybox:1\"] [\"sha256:" + "cd".repeat(32)
                + "\"] [\"sh\"] 1234567\n", inspect.stdout());

        Result missing = docker(null, "image", "inspect", "nope:1");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("No such image: nope:1"), missing.stderr());
    }

    @Test
    void dockerLogs_demultiplexesStdoutAndStderrWithTimestamps() throws Exception {
        FakeEngine engine = new FakeEngine("", "", 0);
        start(engine);
        Result all = docker(null, "logs", "web");
        assertEquals(0, all.exitCode(), all.stderr());
        assertEquals("line0\nline1\n", all.stdout());
        assertEquals("err0\n", all.stderr());
        Result tail = docker(null, "logs", "--tail", "1", "-t", "web");
        assertEquals("2026-11-29T09:15:10.002000000Z line1\n", tail.stdout());
        assertTrue(engine.calls.contains("logs " + FakeEngine.ID + " tail=1"), engine.calls.toString());
        Result missing = docker(null, "logs", "nope");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("No such container: nope"), missing.stderr());
    }

    @Test
    void dockerEvents_printsContainerEventsWithAttributes() throws Exception {
        start(new FakeEngine("", "", 0));
        Result r = docker(null, "events", "--since", "1795943700", "--until", "1795943720",
                "--filter", "container=web");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(2, lines.size(), r.stdout());
        assertTrue(lines.get(0).endsWith(" container create " + FakeEngine.ID + " (image=fixture/busybox:1, name=web)"),
                r.stdout());
        assertTrue(lines.get(1).contains(" container start "), r.stdout());
        assertEquals(java.util.List.of("web"), monitor.last.getFilters().getFiltersOrThrow("container").getValuesList());
        assertEquals(1_795_943_700_000_000_000L, monitor.last.getSinceNano());
    }
}
