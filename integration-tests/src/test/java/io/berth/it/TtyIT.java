package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TTY containers and attach end to end: a real {@code bin/berthd} (overlay2) driven by the real docker CLI on
 * a real pseudo-terminal ({@code src/test/resources/tty/ptydrive.py}, Python's {@code pty} module, with the
 * outer terminal's size set by TIOCSWINSZ), and by docker-py and websocket-client
 * ({@code tty/dockerpy_tty_attach.py}, Debian's python3-docker). Each test names its containers after itself
 * and removes them afterwards; the daemon must leave nothing behind at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TtyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUSYBOX = "fixture/busybox:1";
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private BerthdProcess daemon;
    private DockerCli docker;
    private UnixHttp http;
    private String testName;
    private final List<String> names = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2().requireExecutable(PYTHON);

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @BeforeEach
    void name(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        names.clear();
    }

    /** @return a container name for this test */
    private String name(String suffix) {
        String n = testName + "-" + suffix;
        names.add(n);
        return n;
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String n : names) {
            docker.run("rm", "-f", n);
        }
    }

    /** The outcome of a CLI run on a pseudo-terminal: its exit status and everything it wrote there. */
    private record PtyRun(int exitCode, String transcript, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- terminal\n" + transcript + "\n--- driver stderr\n" + stderr;
        }
    }

    /**
     * Runs {@code docker args...} on a new pseudo-terminal of rows x cols and plays the steps (see
     * ptydrive.py) on it.
     */
    private PtyRun pty(int rows, int cols, String steps, String... args) throws Exception {
        Path transcript = Files.createTempFile(daemon.base, "pty", ".txt");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(),
                BerthdProcess.repoRoot().resolve("integration-tests/src/test/resources/tty/ptydrive.py").toString(),
                Integer.toString(rows), Integer.toString(cols), steps, transcript.toString(), "--",
                DockerCli.DOCKER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        pb.environment().put("DOCKER_CONFIG", daemon.dockerConfig.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the pty driver did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String text = Files.readString(transcript, StandardCharsets.ISO_8859_1);
        if (p.exitValue() != 0) {
            throw new AssertionError("pty driver failed (" + p.exitValue() + " " + out + "): " + err
                    + "\n--- terminal\n" + text);
        }
        return new PtyRun(Integer.parseInt(out), text, err);
    }

    private JsonNode inspect(String name) throws Exception {
        return JSON.readTree(docker.ok("inspect", name)).get(0);
    }

    private boolean running(String name) throws Exception {
        return inspect(name).path("State").path("Running").asBoolean();
    }

    /**
     * @return a ptydrive step that waits (at most 60 s) for the CLI's first resize of container {@code c} and
     *     then 0.3 s more: the CLI listens for SIGWINCH only once the daemon has answered that resize, and berth
     *     publishes the {@code resize} event just before it answers (ContainerResizer), so a window resize made
     *     earlier would be lost by the CLI, not by berth
     */
    private String awaitFirstResize(String c) {
        long since = System.currentTimeMillis() / 1000 - 60;
        return "[\"await\",60,\"" + DockerCli.DOCKER + "\",\"events\",\"--since\",\"" + since + "\","
                + "\"--filter\",\"container=" + c + "\",\"--filter\",\"event=resize\",\"--format\",\"{{.Action}}\"],"
                + "[\"sleep\",0.3]";
    }

    @Test
    void runIt_echoesInput_resizeChangesSttySize_exitStatusIsTheShells() throws Exception {
        String c = name("sh");
        PtyRun r = pty(30, 100, "[[\"expect\",\"# \"],[\"send\",\"stty size\\r\"],[\"expect\",\"30 100\\r\\n\"],"
                + awaitFirstResize(c) + ","
                + "[\"resize\",40,120],[\"sleep\",0.5],[\"send\",\"stty size\\r\"],[\"expect\",\"40 120\\r\\n\"],"
                + "[\"send\",\"echo hello-$((6*7))\\r\"],[\"expect\",\"hello-42\\r\\n\"],[\"send\",\"exit 3\\r\"]]",
                "run", "-it", "--name", c, BUSYBOX, "sh");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.transcript().contains("echo hello-$((6*7))\r\n"), "input echoed by the terminal: " + r);
        JsonNode config = inspect(c).path("Config");
        assertTrue(config.path("Tty").asBoolean() && config.path("OpenStdin").asBoolean(), config.toString());
        assertEquals(3, inspect(c).path("State").path("ExitCode").asInt());
    }

    @Test
    void runT_consoleSizeAtCreate_isTheProcesssFirstSize_beforeAnyResize() throws Exception {
        String c = name("size");
        // stty runs at once, before the CLI's first resize (sent after start's answer) could reach the pty:
        // the size it prints can only come from HostConfig.ConsoleSize in the runtime spec
        PtyRun r = pty(33, 111, "[[\"expect\",\"\\\\d+ \\\\d+\\r*\\n\"]]", "run", "-t", "--name", c, BUSYBOX,
                "stty", "size");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("33 111\n", r.transcript().replace("\r", ""), "the size of the CLI's terminal at create: " + r);
        assertEquals("[33,111]", inspect(c).path("HostConfig").path("ConsoleSize").toString(),
                "ConsoleSize as the CLI sent it");
    }

    @Test
    void runIt_ctrlPCtrlQ_detachesAndLeavesItRunning_thenAttachAndExit() throws Exception {
        String c = name("sh");
        PtyRun run = pty(30, 100, "[[\"expect\",\"# \"],[\"send\",\"echo one\\r\"],[\"expect\",\"one\\r\\n\"],"
                + "[\"send\",\"\\u0010\\u0011\"]]", "run", "-it", "--name", c, BUSYBOX, "sh");
        assertEquals(0, run.exitCode(), "docker run exits 0 on detach: " + run);
        assertTrue(running(c), "detached, the container keeps running");

        PtyRun attach = pty(30, 100, "[[\"sleep\",0.5],[\"send\",\"echo two-$((1+1))\\r\"],[\"expect\",\"two-2\\r\\n\"],"
                + "[\"send\",\"exit 5\\r\"]]", "attach", c);
        assertEquals(5, attach.exitCode(), attach.toString());
        assertEquals(false, running(c));
        String logs = docker.ok("logs", c);
        assertTrue(logs.contains("one\r\n") && logs.contains("two-2\r\n"), "raw TTY output in the log: " + logs);
    }

    @Test
    void attach_customDetachKeys_printsReadEscapeSequenceAndLeavesItRunning() throws Exception {
        String c = name("sh");
        docker.ok("run", "-dit", "--name", c, BUSYBOX, "sh");
        PtyRun r = pty(24, 80, "[[\"sleep\",0.5],[\"send\",\"echo three\\r\"],[\"expect\",\"three\\r\\n\"],"
                + "[\"send\",\"\\u0018x\"]]", "attach", "--detach-keys", "ctrl-x,x", c);
        assertEquals(1, r.exitCode(), "the CLI's exit status after a detach from docker attach: " + r);
        assertTrue(r.transcript().contains("read escape sequence"), r.toString());
        assertTrue(running(c));
    }

    @Test
    void runIt_clientKilled_containerKeepsRunning() throws Exception {
        String c = name("sh");
        PtyRun r = pty(24, 80, "[[\"expect\",\"# \"],[\"kill\"]]", "run", "-it", "--name", c, BUSYBOX, "sh");
        assertEquals(-9, r.exitCode(), r.toString());
        Thread.sleep(500);
        assertTrue(running(c), "the container outlives its client");
        PtyRun again = pty(24, 80, "[[\"sleep\",0.5],[\"send\",\"echo back\\r\"],[\"expect\",\"back\\r\\n\"],"
                + "[\"send\",\"exit\\r\"]]", "attach", c);
        assertEquals(0, again.exitCode(), "the terminal still takes input: " + again);
    }

    @Test
    void runT_outputIsRaw_inLogsAndInTheJsonFileLog() throws Exception {
        String c = name("t");
        DockerCli.Result r = docker.run("run", "-t", "--name", c, BUSYBOX, "sh", "-c", "echo out; echo err >&2");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("out\r\nerr\r\n", r.stdout(), "one terminal, stdout and stderr together, \\r\\n from the pty");
        assertEquals("out\r\nerr\r\n", docker.ok("logs", c));
        String id = inspect(c).path("Id").asText();
        // split on \n alone: readAllLines would also end a line at the pty's \r
        List<String> lines = List.of(Files.readString(daemon.dataRoot.resolve("containers").resolve(id)
                .resolve(id + "-k8s.log")).split("\n"));
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("stdout F out\r", lines.get(0).split(" ", 2)[1]);
        assertEquals("stdout", lines.get(1).split(" ")[1], "a TTY logs everything as stdout");
    }

    @Test
    void startAi_forwardsInputAndOutput() throws Exception {
        String c = name("read");
        docker.ok("create", "-it", "--name", c, BUSYBOX, "sh", "-c", "read x; echo got-$x; exit 4");
        PtyRun r = pty(24, 80, "[[\"sleep\",1],[\"send\",\"abc\\r\"],[\"expect\",\"got-abc\\r\\n\"]]",
                "start", "-ai", c);
        assertEquals(4, r.exitCode(), r.toString());
    }

    @Test
    void resize_statusesAsDockerd() throws Exception {
        assertEquals(404, http.send("POST", "/v1.41/containers/nosuch/resize?h=1&w=1", "").status());
        String c = name("stopped");
        docker.ok("create", "-t", "--name", c, BUSYBOX, "true");
        UnixHttp.Response stopped = http.send("POST", "/v1.41/containers/" + c + "/resize?h=10&w=20", "");
        assertEquals(409, stopped.status(), stopped.body());
        assertEquals("{\"message\":\"Container " + inspect(c).path("Id").asText() + " is not running\"}\n",
                stopped.body());
        String plain = name("plain");
        docker.ok("run", "-d", "--name", plain, BUSYBOX, "sleep", "30");
        assertEquals(200, http.send("POST", "/v1.41/containers/" + plain + "/resize?h=10&w=20", "").status(),
                "a container without a TTY accepts a resize");
        UnixHttp.Response bad = http.send("POST", "/v1.41/containers/" + plain + "/resize?h=x&w=20", "");
        assertEquals(400, bad.status());
        assertEquals("{\"message\":\"strconv.Atoi: parsing \\\"x\\\": invalid syntax\"}\n", bad.body());
    }

    @Test
    void dockerPy_attachSocketDetachResizeWebsocketAndStream() throws Exception {
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import docker, websocket").start();
        TestEnvironment.current().require(probe.waitFor() == 0,
                "docker-py and websocket-client for " + PYTHON + " (Debian: python3-docker)");
        names.add(testName + "-shell");
        names.add(testName + "-stream");
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), BerthdProcess.repoRoot()
                .resolve("integration-tests/src/test/resources/tty/dockerpy_tty_attach.py").toString(), BUSYBOX,
                testName).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the docker-py script did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("ok: logs raw"), out);
        String events = docker.ok("events", "--since", "5m", "--until",
                Long.toString(System.currentTimeMillis() / 1000 + 1), "--filter", "event=detach",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        assertTrue(events.contains("detach " + testName + "-shell"), "the daemon's own detach: " + events);
    }
}
