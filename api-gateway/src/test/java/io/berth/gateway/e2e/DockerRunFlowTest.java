package io.berth.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import io.berth.gateway.router.system.HostFacts;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.WaitCondition;
import io.berth.proto.storage.v1.ImagesGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI's {@code docker run} (create, hijacked attach, wait, start) through the gateway and
 * the real gRPC client code against an in-process {@link FakeEngine}. Skipped where the CLI is absent.
 */
class DockerRunFlowTest {
    static final Path DOCKER = Path.of("/usr/local/bin/docker");

    @TempDir
    Path dir;
    Server grpc;
    ManagedChannel channel;
    GatewayServer gateway;
    WorkerPool workers;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private void start(FakeEngine engine) throws Exception {
        assumeTrue(Files.isExecutable(DOCKER), "docker CLI not installed");
        String name = InProcessServerBuilder.generateName();
        grpc = InProcessServerBuilder.forName(name).addService(engine).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        ContainersGrpc.ContainersBlockingStub blocking = ContainersGrpc.newBlockingStub(channel);
        GrpcContainersBackend containers = new GrpcContainersBackend(blocking, ContainersGrpc.newStub(channel));
        workers = new WorkerPool();
        RouteTable routes = new RouteTable(Set.of(
                new SystemRouter(new GrpcSystemBackend(blocking, ImagesGrpc.newBlockingStub(channel)),
                        new HostFacts(Path.of("/")), Clock.systemUTC()),
                new ContainersRouter(containers, Clock.systemUTC()),
                new ContainerStreamsRouter(containers),
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
        List<String> cmd = new ArrayList<>(List.of(DOCKER.toString()));
        cmd.addAll(List.of(args));
        Path in = dir.resolve("in");
        Files.writeString(in, stdin == null ? "" : stdin);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(in.toFile()))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().put("DOCKER_HOST", "unix://" + dir.resolve("docker.sock"));
        pb.environment().put("DOCKER_CONFIG", dir.resolve("config").toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " hung");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
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
}
