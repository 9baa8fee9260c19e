package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker exec} against a real {@code bin/berthd} with the real docker CLI: env, user and working
 * directory, dockerd 20.10's exit codes (the process's status; 126 with the runtime's text for a command
 * that cannot be found or executed), stdin, detached execs, a TTY through {@code script}, the 404/409
 * errors, the exec events, docker-py, and 200 execs in a row leaving no process, descriptor, socket or
 * directory behind. Each test runs its own container, removed afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecIT {
    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;
    String name;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @BeforeEach
    void runContainer() throws Exception {
        name = "exec-" + UUID.randomUUID().toString().substring(0, 8);
        docker.ok("run", "-d", "--name", name, WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
    }

    @AfterEach
    void removeContainer() throws Exception {
        docker.run("rm", "-f", name);
    }

    @Test
    void exec_envUserAndWorkdir_areThoseAsked() throws Exception {
        String out = docker.ok("exec", "-e", "A=1", "-u", "nobody", "-w", "/tmp", name, "sh", "-c",
                "echo $A; id -u; id -g; pwd");
        assertEquals("1\n65534\n65534\n/tmp\n", out);
        assertEquals("0:0\n", docker.ok("exec", "-u", "0:0", name, "sh", "-c", "echo $(id -u):$(id -g)"));
        assertEquals("1000:10\n", docker.ok("exec", "-u", "1000:10", name, "sh", "-c", "echo $(id -u):$(id -g)"));
    }

    @Test
    void exec_exitStatus_isTheProcesssStatus() throws Exception {
        DockerCli.Result r = docker.run("exec", name, "sh", "-c", "exit 3");
        assertEquals(3, r.exitCode(), r.toString());
    }

    @Test
    void exec_commandNotFound_printsTheRuntimesErrorAndExits126() throws Exception {
        DockerCli.Result r = docker.run("exec", name, "nosuch");
        assertEquals(126, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("OCI runtime exec failed") && r.stdout().contains("\"nosuch\": executable "
                + "file not found in $PATH"), r.toString());
    }

    @Test
    void exec_notExecutable_exits126() throws Exception {
        DockerCli.Result r = docker.run("exec", name, "/etc/passwd");
        assertEquals(126, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("permission denied"), r.toString());
    }

    @Test
    void exec_unknownUser_exits126WithRuncsText() throws Exception {
        DockerCli.Result r = docker.run("exec", "-u", "nosuch", name, "true");
        assertEquals(126, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("unable to find user nosuch: no matching entries in passwd file"), r.toString());
    }

    @Test
    void exec_withStdin_getsThePipedInput() throws Exception {
        DockerCli.Result r = docker.runWithInput("hi\n", "exec", "-i", name, "cat");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hi\n", r.stdout());
    }

    @Test
    void exec_detached_keepsRunningAfterTheCall() throws Exception {
        assertEquals("", docker.ok("exec", "-d", name, "sh", "-c", "sleep 1; touch /x"));
        assertEquals(1, docker.run("exec", name, "test", "-e", "/x").exitCode(), "not there before a second");
        boolean found = false;
        for (int i = 0; i < 50 && !found; i++) {
            Thread.sleep(100);
            found = docker.run("exec", name, "test", "-e", "/x").exitCode() == 0;
        }
        assertTrue(found, "the detached exec created /x");
    }

    @Test
    void exec_tty_givesTheProcessATerminal() throws Exception {
        Path script = Path.of("/usr/bin/script");
        TestEnvironment.current().require(Files.isExecutable(script), "script(1) from util-linux");
        String cmd = DockerCli.DOCKER + " exec -t " + name + " sh -c 'tty; echo done'";
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfc", cmd, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        pb.environment().put("DOCKER_CONFIG", daemon.dockerConfig.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("/dev/pts/") && out.contains("done"), out);
    }

    @Test
    void exec_inStoppedContainer_is409_andUnknownExecIs404() throws Exception {
        docker.ok("stop", "-t", "0", name);
        DockerCli.Result r = docker.run("exec", name, "true");
        assertTrue(r.stderr().contains("is not running"), r.toString());
        String id = docker.ok("inspect", "-f", "{{.Id}}", name).trim();
        UnixHttp.Response create = http.send("POST", "/v1.41/containers/" + name + "/exec", "{\"Cmd\":[\"true\"]}");
        assertEquals(409, create.status());
        assertEquals("{\"message\":\"Container " + id + " is not running\"}\n", create.body());
        UnixHttp.Response unknown = http.send("GET", "/v1.41/exec/nosuch/json", null);
        assertEquals(404, unknown.status());
        assertEquals("{\"message\":\"No such exec instance: nosuch\"}\n", unknown.body());
    }

    @Test
    void exec_inspect_hasTheExitCodeOnceTheStreamEnded() throws Exception {
        UnixHttp.Response create = http.send("POST", "/v1.41/containers/" + name + "/exec",
                "{\"Cmd\":[\"sh\",\"-c\",\"exit 7\"],\"AttachStdout\":true}");
        assertEquals(201, create.status(), create.body());
        String id = create.body().replaceAll(".*\"Id\":\"([0-9a-f]{64})\".*\\s*", "$1");
        String before = http.send("GET", "/v1.41/exec/" + id + "/json", null).body();
        assertTrue(before.contains("\"Running\":false,\"ExitCode\":null,"), before);
        UnixHttp.Response start = http.send("POST", "/v1.41/exec/" + id + "/start", "{\"Detach\":false,\"Tty\":false}");
        assertEquals(200, start.status());
        String after = http.send("GET", "/v1.41/exec/" + id + "/json", null).body();
        assertTrue(after.contains("\"Running\":false,\"ExitCode\":7,"), after);
    }

    @Test
    void exec_publishesCreateStartAndDie_beforeTheCliReturns() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        assertEquals(4, docker.run("exec", name, "sh", "-c", "exit 4").exitCode());
        // no retry: the engine's publish waits for the monitor's acknowledgement before answering. The until
        // is "now" with nanoseconds: the CLI turns a duration like "0s" into whole seconds (moby's
        // GetTimestamp), which would cut off this second's events with dockerd too.
        Instant now = Instant.now();
        String until = now.getEpochSecond() + "." + String.format("%09d", now.getNano());
        String events = docker.ok("events", "--since", Long.toString(since), "--until", until, "--filter",
                "container=" + name, "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}");
        assertTrue(events.contains("exec_create: sh -c exit 4"), events);
        assertTrue(events.contains("exec_start: sh -c exit 4"), events);
        assertTrue(events.contains("exec_die 4"), events);
    }

    @Test
    void execsRacingTheContainersExit_areEither200Or409IsNotRunning_neverAFailedUserLookup() throws Exception {
        String racer = name + "-exits";
        docker.ok("run", "-d", "--name", racer, WalkingSkeletonContract.BUSYBOX, "sleep", "1");
        try {
            String id = docker.ok("inspect", "-f", "{{.Id}}", racer).trim();
            List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> loops = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread loop = new Thread(() -> {
                    try {
                        long deadline = System.currentTimeMillis() + 20_000;
                        while (System.currentTimeMillis() < deadline) {
                            UnixHttp.Response c = http.send("POST", "/v1.41/containers/" + id + "/exec",
                                    "{\"Cmd\":[\"true\"],\"User\":\"nobody\",\"AttachStdout\":true}");
                            if (c.status() == 409) {
                                return; // exited: dockerd's answer to a create
                            }
                            String execId = c.body().replaceAll(".*\"Id\":\"([0-9a-f]{64})\".*\\s*", "$1");
                            UnixHttp.Response s = http.send("POST", "/v1.41/exec/" + execId + "/start",
                                    "{\"Detach\":false,\"Tty\":false}");
                            started.incrementAndGet();
                            boolean ok = (s.status() == 200 && !s.body().contains("unable to find user"))
                                    || (s.status() == 409 && s.body().equals(
                                            "{\"message\":\"Container " + id + " is not running\"}\n"));
                            if (!ok) {
                                unexpected.add(s.status() + " " + s.body());
                            }
                        }
                        unexpected.add("the container never exited");
                    } catch (IOException e) {
                        unexpected.add(e.toString());
                    }
                });
                loop.start();
                loops.add(loop);
            }
            for (Thread loop : loops) {
                loop.join(30_000);
            }
            assertTrue(started.get() > 0, "some exec started before the exit");
            assertEquals(List.of(), unexpected);
        } finally {
            docker.run("rm", "-f", racer);
        }
    }

    @Test
    void dockerPy_execRun_demux_andInspect() throws Exception {
        DockerCli.Result r = DockerPy.run(daemon, "exec_dockerpy.py", name);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("ok\n", r.stdout());
    }

    @Test
    void twoHundredExecsInARow_leaveNothingBehind() throws Exception {
        long engine = enginePid();
        docker.ok("exec", name, "true");
        int fdsBefore = count(Path.of("/proc/" + engine + "/fd"));
        int procsBefore = daemon.leftoverProcesses().size();
        for (int i = 0; i < 200; i++) {
            DockerCli.Result r = docker.run("exec", name, "true");
            assertEquals(0, r.exitCode(), "exec #" + i + ": " + r);
        }
        Thread.sleep(500);
        assertEquals(procsBefore, daemon.leftoverProcesses().size(), "processes");
        assertTrue(count(Path.of("/proc/" + engine + "/fd")) <= fdsBefore + 2, "engine descriptors");
        assertEquals(List.of(), list(daemon.execRoot.resolve("execs")), "exec directories");
        List<Path> socks = list(daemon.execRoot.resolve("conmon/socks"));
        assertTrue(socks.size() <= 1, "conmon socket links: only the container's: " + socks);
    }

    private long enginePid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("io.berth.engine.EngineMain")
                        && p.info().commandLine().orElse("").contains(daemon.execRoot.toString()))
                .findFirst().orElseThrow().pid();
    }

    private static int count(Path dir) throws IOException {
        return list(dir).size();
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        }
    }
}
