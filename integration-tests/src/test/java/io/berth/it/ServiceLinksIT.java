package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calls between berth's services (issue 13 "Between the services", issue 7 "Debug mode and logs"), end to
 * end with a real berthd under {@code -D}: one request's ID in every service's log, the request body logged
 * with its secrets masked, and a stopped or killed engine-service answered with a 503 naming it within the
 * call's deadline, the API working again once the service is back.
 */
class ServiceLinksIT {
    @RegisterExtension
    static final BerthdExtension berthd = BerthdExtension.overlay2();

    private final ContainerNames names = new ContainerNames(berthd.docker());

    @AfterEach
    void removeContainers() throws Exception {
        names.removeAll();
    }

    private Path serviceLog(String process) {
        return berthd.daemon().execRoot.resolve("logs").resolve(process + ".log");
    }

    /** Waits (at most 10 s: the services' stderr reaches the files through berthd) for {@code pattern}. */
    private Matcher awaitLog(String process, Pattern pattern) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = "";
        while (System.nanoTime() < until) {
            text = Files.exists(serviceLog(process)) ? Files.readString(serviceLog(process), StandardCharsets.UTF_8) : "";
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + pattern + " in " + process + ".log:\n"
                + text.substring(Math.max(0, text.length() - 4000)));
    }

    @Test
    void oneRequestsId_isInEveryServicesLog_andItsBodyIsLoggedWithSecretsMasked() throws Exception {
        String name = names.next("links");
        String body = "{\"Image\":\"" + WalkingSkeletonContract.BUSYBOX + "\",\"Cmd\":[\"true\"],"
                + "\"Env\":[\"PASSWORD=shown-as-dockerd-does\"],\"Labels\":{\"password\":\"hidden-secret\"}}";
        UnixHttp.Response r = berthd.http().send("POST", "/v1.41/containers/create?name=" + name, body);
        assertEquals(201, r.status(), r.body());

        Matcher line = awaitLog("api-gateway", Pattern.compile(
                "INFO .*POST /v1\\.41/containers/create\\?name=" + name + " -> 201 in \\d+ ms id=([0-9a-f]{12})"));
        String id = line.group(1);
        Matcher calling = awaitLog("api-gateway", Pattern.compile("Calling POST /v1\\.41/containers/create\\?name="
                + name + " id=" + id + " body: (.*)"));
        assertTrue(calling.group(1).contains("PASSWORD=shown-as-dockerd-does"), calling.group(1));
        assertTrue(calling.group(1).contains("\"password\":\"*****\""), calling.group(1));
        assertFalse(Files.readString(serviceLog("api-gateway")).contains("hidden-secret"), "secret in the log");

        // the gateway's call, the engine's handling of it, the engine's calls to storage and monitor
        awaitLog("api-gateway", Pattern.compile("grpc call berth\\.engine\\.v1\\.Containers/CreateContainer to "
                + "engine-service -> OK in \\d+ ms id=" + id));
        awaitLog("engine-service", Pattern.compile("grpc berth\\.engine\\.v1\\.Containers/CreateContainer -> OK in "
                + "\\d+ ms id=" + id));
        awaitLog("storage-service", Pattern.compile("grpc berth\\.storage\\.v1\\.\\S+ -> OK in \\d+ ms id=" + id));
        awaitLog("monitor-service", Pattern.compile("grpc berth\\.monitor\\.v1\\.Events/PublishEvent -> OK in "
                + "\\d+ ms id=" + id));
    }

    private static long pidOf(String mainClass, Path execRoot) throws IOException {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmd = new String(Files.readAllBytes(Path.of("/proc/" + p.pid() + "/cmdline")),
                        StandardCharsets.UTF_8);
                return cmd.contains(mainClass) && cmd.contains(execRoot.toString()) && !cmd.contains("setsid");
            } catch (IOException | SecurityException e) {
                return false;
            }
        }).mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new AssertionError("no " + mainClass));
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor());
    }

    /** Polls GET /containers/json until it answers 200 (at most {@code seconds}). */
    private void awaitApi(int seconds) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        UnixHttp.Response r = null;
        while (System.nanoTime() < until) {
            r = berthd.http().send("GET", "/v1.41/containers/json", null);
            if (r.status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the API did not recover in " + seconds + " s: " + (r == null ? "" : r.body()));
    }

    @Test
    void aStoppedEngine_is503NamingItWithinTheDeadline_andWorksAgainWhenContinued() throws Exception {
        long engine = pidOf("io.berth.engine.EngineMain", berthd.daemon().execRoot);
        awaitApi(30);
        signal("STOP", engine);
        UnixHttp.Response r;
        long took;
        try {
            long t0 = System.nanoTime();
            r = berthd.http().send("GET", "/v1.41/containers/json", null);
            took = (System.nanoTime() - t0) / 1_000_000;
        } finally {
            signal("CONT", engine);
        }
        assertEquals(503, r.status(), r.body());
        assertTrue(r.body().contains("\"message\":\"engine-service is not available: "), r.body());
        assertTrue(took >= 25_000 && took < 45_000, "answered after " + took + " ms, the deadline is 30 s");

        awaitApi(30);
        assertEquals("", berthd.docker().ok("ps", "-q", "--filter", "name=nosuch-links").trim());
    }

    @Test
    void aKilledEngine_is503NamingIt_andBerthdsRestartBringsTheApiBack() throws Exception {
        long engine = pidOf("io.berth.engine.EngineMain", berthd.daemon().execRoot);
        awaitApi(30);
        signal("KILL", engine);

        long t0 = System.nanoTime();
        DockerCli.Result down = berthd.docker().run("ps");
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, down.exitCode(), down.toString());
        assertTrue(down.stderr().contains("Error response from daemon: engine-service is not available: "),
                down.toString());
        assertTrue(took < 5_000, "a dead service fails at once, took " + took + " ms");

        awaitApi(90);
        assertTrue(pidOf("io.berth.engine.EngineMain", berthd.daemon().execRoot) != engine, "berthd restarted it");
        assertEquals("hello\n", berthd.docker().ok("run", "--rm", "--name", names.next("links"), WalkingSkeletonContract.BUSYBOX,
                "echo", "hello"));
    }
}
