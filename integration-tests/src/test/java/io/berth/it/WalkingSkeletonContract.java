package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton, end to end: a real {@code bin/berthd} on a temporary socket, data root and exec
 * root, driven by the real docker CLI through what berth does so far (version/info, load + images +
 * inspect, run with stdout/stderr/exit code, detached run + ps + logs + logs -f + stop + rm, overlay or vfs
 * isolation, namespaces and cgroups, events, dockerd's error statuses, a second berthd on the same data
 * root, stdin, a TTY, and clear refusals of what berth cannot do yet), then a clean SIGTERM shutdown that must
 * leave no mount, process or cgroup behind. Subclasses choose the storage driver.
 *
 * <p>One daemon serves the whole class (started in {@link #startDaemon}), but each test stands alone so that
 * a failure names exactly what broke: tests run in any order; a test's containers and files are named after
 * the test ({@link #name}, {@link #file}); the fixture images are loaded by whichever test first needs them
 * ({@link #requireFixtureImages}; loading again is idempotent); and the containers a test leaves, even when
 * it fails, are removed after it ({@link #removeThisTestsContainers}). JUnit runs one test at a time, so the
 * containers that appear during a test are that test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalkingSkeletonContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUSYBOX = "fixture/busybox:1";
    static final String MULTILAYER = "fixture/multilayer:1";
    static final String BUSYBOX_ARCHIVE = "busybox-1.docker-archive.tar";
    static final String MULTILAYER_ARCHIVE = "multilayer-1.docker-archive.tar";

    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;
    long startEpochSeconds;
    /** {@code docker info} of the fresh daemon, before any test ran (the only time Containers and Images are 0). */
    DockerCli.Result freshInfo;
    private boolean fixtureImagesLoaded;
    /** The running test's method name: the prefix of its containers' names and of its files. */
    private String testName;
    /** Full IDs of the containers that existed before the running test started. */
    private List<String> containersBefore;

    /** @return the --storage-driver to run berthd with */
    abstract String driver();

    /** @return the daemon for this class, not started yet (a subclass may put its data root elsewhere) */
    BerthdProcess newDaemon() throws Exception {
        return new BerthdProcess(driver());
    }

    static Path fixture(String name) {
        return BerthdProcess.repoRoot().resolveSibling("shared").resolve("fixtures/images").resolve(name);
    }

    @BeforeAll
    void startDaemon() throws Exception {
        TestEnvironment.current().requireRoot("runc, overlayfs, cgroups");
        assertTrue(Files.isExecutable(DockerCli.DOCKER), "the reference docker CLI must be installed at " + DockerCli.DOCKER);
        assertTrue(Files.exists(fixture(BUSYBOX_ARCHIVE)), "fixtures must be in ../shared: no " + fixture(BUSYBOX_ARCHIVE));
        startEpochSeconds = Instant.now().getEpochSecond() - 1;
        daemon = newDaemon();
        docker = new DockerCli(daemon.socket, daemon.dockerConfig);
        http = new UnixHttp(daemon.socket);
        daemon.start();
        freshInfo = docker.run("info", "--format", "{{json .}}");
    }

    @BeforeEach
    void noteTheContainersBefore(TestInfo test) throws Exception {
        testName = test.getTestMethod().orElseThrow().getName();
        containersBefore = null;
        containersBefore = containerIds();
    }

    /** Removes ({@code rm -f}) every container that appeared during the test, whether it passed or failed. */
    @AfterEach
    void removeThisTestsContainers() throws Exception {
        if (containersBefore == null) {
            return; // the daemon did not even answer docker ps before the test
        }
        List<String> failed = new ArrayList<>();
        for (String id : newContainers()) {
            DockerCli.Result r = docker.run("rm", "-f", id);
            if (r.exitCode() != 0) {
                failed.add(id + ": " + r);
            }
        }
        assertEquals(List.of(), failed, "containers of " + testName + " that rm -f could not remove");
    }

    @AfterAll
    void stopDaemonAndCheckNothingIsLeft() throws Exception {
        if (daemon == null) {
            return;
        }
        int exit = daemon.stop();
        List<String> mounts = daemon.leftoverMounts();
        List<ProcessHandle> processes = daemon.leftoverProcesses();
        List<Path> cgroups = daemon.leftoverCgroups();
        String logs = daemon.logs();
        Path report = Path.of("target", "failsafe-reports", getClass().getSimpleName() + "-berthd.log");
        Files.createDirectories(report.getParent());
        Files.writeString(report, logs, StandardCharsets.UTF_8);
        daemon.forceCleanup();
        assertEquals(0, exit, "berthd must exit 0 on SIGTERM; logs in " + report);
        assertEquals(List.of(), mounts, "mounts left behind");
        assertEquals(List.of(), processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList(),
                "processes left behind");
        assertEquals(List.of(), cgroups, "cgroups left behind");
    }

    @Test
    void version_reportsApi141_andPingCarriesApiVersionHeader() throws Exception {
        String v = docker.ok("version", "--format", "{{.Server.APIVersion}}|{{.Server.MinAPIVersion}}|{{.Server.Os}}|{{.Server.Arch}}");
        assertEquals("1.41|1.12|linux|amd64", v.trim());

        UnixHttp.Response head = http.send("HEAD", "/_ping", null);
        assertEquals(200, head.status());
        assertEquals("1.41", head.header("Api-Version"));
        UnixHttp.Response get = http.send("GET", "/_ping", null);
        assertEquals("OK", get.body());
        assertEquals("1.41", get.header("Api-Version"));

        UnixHttp.Response tooNew = http.send("GET", "/v1.50/version", null);
        assertEquals(400, tooNew.status());
        assertEquals("client version 1.50 is too new. Maximum supported API version is 1.41",
                JSON.readTree(tooNew.body()).get("message").asText());
        UnixHttp.Response old = http.send("GET", "/v1.32/version", null);
        assertEquals(200, old.status());
        assertEquals("1.41", JSON.readTree(old.body()).get("ApiVersion").asText());
        assertEquals("1.41", old.header("Api-Version"));
    }

    @Test
    void info_reportsRealHostAndStorageValues() throws Exception {
        assertEquals(0, freshInfo.exitCode(), "docker info on the fresh daemon: " + freshInfo);
        JsonNode info = JSON.readTree(freshInfo.stdout());
        assertEquals(driver(), info.get("Driver").asText());
        assertEquals(daemon.dataRoot.toString(), info.get("DockerRootDir").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), info.get("NCPU").asInt());
        long memTotalKb = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", ""));
        assertEquals(memTotalKb * 1024, info.get("MemTotal").asLong());
        assertEquals("linux", info.get("OSType").asText());
        assertEquals(0, info.get("Containers").asInt());
        assertEquals(0, info.get("Images").asInt());
        assertTrue(!info.get("ServerVersion").asText().isEmpty());
    }

    @Test
    void load_thenImagesAndInspectShowTheArchiveContent() throws Exception {
        Path archive = fixture(BUSYBOX_ARCHIVE);
        String loaded = docker.ok("load", "-i", archive.toString());
        assertTrue(loaded.contains("Loaded image: " + BUSYBOX), loaded);

        JsonNode manifest = JSON.readTree(tarEntry(archive, "manifest.json")).get(0);
        String configName = manifest.get("Config").asText();
        JsonNode config = JSON.readTree(tarEntry(archive, configName));
        String imageId = "sha256:" + configName.replace(".json", "").replace("blobs/sha256/", "");

        String images = docker.ok("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        assertTrue(images.contains(BUSYBOX + " " + imageId.substring(7, 19)), images);

        JsonNode inspect = JSON.readTree(docker.ok("image", "inspect", BUSYBOX)).get(0);
        assertEquals(imageId, inspect.get("Id").asText());
        assertEquals(List.of(BUSYBOX), texts(inspect.get("RepoTags")));
        assertEquals(texts(config.get("rootfs").get("diff_ids")), texts(inspect.get("RootFS").get("Layers")));
        assertEquals(List.of("sh"), texts(inspect.get("Config").get("Cmd")));
        long size = inspect.get("Size").asLong();
        assertTrue(size > 1_900_000 && size < 3_000_000, "Size of busybox: " + size);
        assertEquals(driver(), inspect.get("GraphDriver").get("Name").asText());

        String loaded2 = docker.ok("load", "-i", fixture(MULTILAYER_ARCHIVE).toString());
        assertTrue(loaded2.contains("Loaded image: " + MULTILAYER), loaded2);
        JsonNode info = JSON.readTree(docker.ok("info", "--format", "{{json .}}"));
        assertEquals(2, info.get("Images").asInt());
    }

    @Test
    void runRm_printsHelloAndRemovesTheContainer() throws Exception {
        requireFixtureImages();
        DockerCli.Result r = docker.run("run", "--rm", "--name", name("hello"), BUSYBOX, "echo", "hello");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("hello\n", r.stdout());
        assertEquals(List.of(), newContainers(), "run --rm must leave no container");
    }

    @Test
    void run_splitsStdoutAndStderr_andReturnsTheExitCode() throws Exception {
        requireFixtureImages();
        DockerCli.Result r = docker.run("run", "--rm", BUSYBOX, "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void run_multilayerImage_appliesUserWorkdirEnvEntrypointAndEveryLayer() throws Exception {
        requireFixtureImages();
        assertEquals("multilayer in /app as 65534:65534\n", docker.ok("run", "--rm", MULTILAYER));
        String listing = docker.ok("run", "--rm", "--entrypoint", "sh", MULTILAYER, "-c",
                "ls /app/olddir; echo --; ls /app/data; echo --; stat -c %A /app/suid-tool; "
                        + "stat -c %h /app/hardlink-a.txt; cmp /app/hello-symlink /app/data/hello.txt && echo same; "
                        + "stat -c %u:%g /app/data/sub");
        assertEquals("c.txt\n--\nhello.txt\nsub\n--\n-rwsr-xr-x\n2\nsame\n65534:65534\n", listing);
    }

    @Test
    void detached_psLogsFollowStopRm() throws Exception {
        requireFixtureImages();
        String web = name("web");
        String id = docker.ok("run", "-d", "--name", web, BUSYBOX, "sh", "-c",
                "while true; do echo tick; sleep 1; done").trim();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(docker.ok("ps", "--format", "{{.Names}}|{{.Status}}").contains(web + "|Up "));

        String logs = "";
        for (int i = 0; i < 100 && countTicks(logs) < 2; i++) {
            Thread.sleep(100);
            logs = docker.ok("logs", web);
        }
        assertTrue(countTicks(logs) >= 2, logs);
        Path log = daemon.dataRoot.resolve("containers").resolve(id).resolve(id + "-k8s.log");
        String[] first = Files.readAllLines(log).get(0).split(" ", 4); // conmon's k8s-file line
        assertEquals("stdout", first[1]);
        assertEquals("F", first[2]);
        assertEquals("tick", first[3]);
        java.time.OffsetDateTime.parse(first[0]);

        Path followOut = file("follow.out");
        Process follow = docker.start(followOut, file("follow.err"), "logs", "-f", web);
        try {
            Thread.sleep(1500);
            assertTrue(follow.isAlive(), "logs -f must keep following a running container");
            DockerCli.Result stop = docker.run("stop", "-t", "2", web);
            assertEquals(0, stop.exitCode(), stop.toString());
            assertEquals(web + "\n", stop.stdout());
            assertTrue(follow.waitFor(15, TimeUnit.SECONDS), "logs -f must end when the container stops");
            assertEquals(0, follow.exitValue());
            assertTrue(countTicks(Files.readString(followOut)) >= 3, Files.readString(followOut));
        } finally {
            follow.destroy();
        }

        JsonNode state = JSON.readTree(docker.ok("inspect", web)).get(0).get("State");
        assertEquals("exited", state.get("Status").asText());
        assertEquals(137, state.get("ExitCode").asInt(), "sh as PID 1 ignores SIGTERM, so stop ends in SIGKILL");
        assertTrue(!docker.ok("ps", "--format", "{{.Names}}").contains(web));
        assertTrue(docker.ok("ps", "-a", "--format", "{{.Names}}|{{.Status}}").contains(web + "|Exited (137)"));

        assertEquals(web + "\n", docker.ok("rm", web));
        assertTrue(!docker.ok("ps", "-a", "--format", "{{.Names}}").contains(web));
        assertTrue(!Files.exists(daemon.dataRoot.resolve("containers").resolve(id)), "container dir must be removed");
    }

    @Test
    void containers_areIsolated_inTheirOwnLayerNamespacesAndCgroups() throws Exception {
        requireFixtureImages();
        String writer = name("writer");
        String sleeper = name("sleeper");
        assertEquals("secret\n", docker.ok("run", "--name", writer, BUSYBOX, "sh", "-c",
                "echo secret > /tmp/f && cat /tmp/f"));
        DockerCli.Result other = docker.run("run", "--rm", BUSYBOX, "cat", "/tmp/f");
        assertEquals(1, other.exitCode(), other.toString());
        assertTrue(other.stderr().contains("No such file"), other.toString());
        docker.ok("rm", writer);

        String ns = docker.ok("run", "--rm", BUSYBOX, "sh", "-c", "echo $$; hostname; ls /sys/class/net");
        String[] lines = ns.split("\n");
        assertEquals("1", lines[0], ns);
        assertTrue(lines[1].matches("[0-9a-f]{12}"), ns);
        assertEquals("eth0", lines[2], ns); // the default bridge network
        assertEquals("lo", lines[3], ns);
        assertEquals(4, lines.length, ns);

        String id = docker.ok("run", "-d", "--name", sleeper, BUSYBOX, "sleep", "300").trim();
        try {
            int pid = JSON.readTree(docker.ok("inspect", sleeper)).get(0).get("State").get("Pid").asInt();
            assertTrue(pid > 0);
            for (String kind : List.of("mnt", "pid", "uts", "ipc", "net")) {
                assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns", kind)),
                        Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns", kind)), kind + " namespace");
            }
            String cgroup = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
            for (String controller : List.of("memory", "cpu", "pids")) {
                assertTrue(cgroup.lines().anyMatch(l -> l.split(":")[1].contains(controller)
                        && l.endsWith(daemon.cgroupParent + "/" + id)), controller + " cgroup: " + cgroup);
            }
            // Its mounts on the host: the rootfs, and the network namespace file (exec-root/netns/<id>, nsfs).
            List<String> rootfsMounts = mountsContaining(id).stream().filter(m -> !m.contains(" - nsfs ")).toList();
            assertEquals(1, rootfsMounts.size(), "one rootfs mount: " + rootfsMounts);
            assertEquals(1, mountsContaining(id).stream().filter(m -> m.contains("/exec/netns/" + id + " ")).count(),
                    "its network namespace file: " + mountsContaining(id));
            String fsType = rootfsMounts.get(0).split(" - ")[1].split(" ")[0];
            if ("overlay2".equals(driver())) {
                assertEquals("overlay", fsType);
            } else if ("btrfs".equals(driver())) {
                assertEquals("btrfs", fsType, "a bind mount of the container's subvolume");
            } else {
                assertNotEquals("overlay", fsType);
            }
        } finally {
            docker.ok("rm", "-f", sleeper);
        }
        assertEquals(List.of(), mountsContaining(id), "rootfs must be unmounted after rm -f");
        assertTrue(daemon.leftoverCgroups().stream().noneMatch(p -> Files.exists(p.resolve(id))), "cgroup removed");
    }

    @Test
    void events_recordTheLifecycle_inHistoryAndLive() throws Exception {
        requireFixtureImages();
        String hello = name("hello");
        DockerCli.Result run = docker.run("run", "--rm", "--name", hello, BUSYBOX, "echo", "hello");
        assertEquals(0, run.exitCode(), run.toString());
        // Events reach the monitor from the engine's own publishing thread, so the last one (destroy) may
        // land just after the CLI returns: ask again (at most 20 times) until it is in the history.
        String history = "";
        List<JsonNode> events = List.of();
        for (int attempt = 0; attempt < 20 && !actions(events).contains("destroy"); attempt++) {
            String until = Long.toString(Instant.now().getEpochSecond() + 1);
            history = docker.ok("events", "--since", Long.toString(startEpochSeconds), "--until", until,
                    "--filter", "container=" + hello, "--format", "{{json .}}");
            events = new ArrayList<>();
            for (String line : history.split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
        }
        assertEquals(List.of("create", "attach", "start", "die", "destroy"), actions(events), history);
        for (JsonNode e : events) {
            assertEquals("container", e.get("Type").asText());
            assertEquals(hello, e.get("Actor").get("Attributes").get("name").asText());
            assertEquals(BUSYBOX, e.get("Actor").get("Attributes").get("image").asText());
            assertTrue(e.get("Actor").get("ID").asText().matches("[0-9a-f]{64}"));
            assertEquals(e.get("time").asLong(), e.get("timeNano").asLong() / 1_000_000_000L);
        }
        assertEquals("0", events.get(3).get("Actor").get("Attributes").get("exitCode").asText());

        String liveName = name("live");
        Path liveOut = file("events.out");
        Process live = docker.start(liveOut, file("events.err"),
                "events", "--filter", "container=" + liveName, "--format", "{{.Action}}");
        try {
            Thread.sleep(1000);
            docker.ok("run", "--rm", "--name", liveName, BUSYBOX, "true");
            for (int i = 0; i < 100 && !Files.readString(liveOut).contains("destroy"); i++) {
                Thread.sleep(100);
            }
            assertEquals("create\nattach\nstart\ndie\ndestroy\n", Files.readString(liveOut));
        } finally {
            live.destroy();
            live.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void errors_matchDockerdStatusesAndMessages() throws Exception {
        requireFixtureImages();
        String dup = name("dup");
        DockerCli.Result missing = docker.run("run", "--rm", "fixture/nope:1", "true");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("fixture/nope:1"), missing.toString());

        UnixHttp.Response noImage = http.send("GET", "/v1.41/images/fixture/nope:1/json", null);
        assertEquals(404, noImage.status());
        assertTrue(noImage.header("Content-Type").startsWith("application/json"));
        assertEquals("No such image: fixture/nope:1", JSON.readTree(noImage.body()).get("message").asText());
        DockerCli.Result inspect = docker.run("image", "inspect", "fixture/nope:1");
        assertEquals(1, inspect.exitCode());
        assertTrue(inspect.stderr().contains("No such image"), inspect.toString());

        docker.ok("create", "--name", dup, BUSYBOX, "true");
        DockerCli.Result conflict = docker.run("create", "--name", dup, BUSYBOX, "true");
        assertNotEquals(0, conflict.exitCode());
        assertTrue(conflict.stderr().contains("Conflict. The container name \"/" + dup + "\" is already in use by container"),
                conflict.toString());

        UnixHttp.Response bad = http.send("POST", "/v1.41/containers/create", "{not json");
        assertEquals(400, bad.status());
        assertTrue(!JSON.readTree(bad.body()).get("message").asText().isEmpty());

        assertEquals(304, http.send("POST", "/v1.41/containers/" + dup + "/stop", null).status());
        DockerCli.Result stopStopped = docker.run("stop", dup);
        assertEquals(0, stopStopped.exitCode(), stopStopped.toString());

        UnixHttp.Response noContainer = http.send("DELETE", "/v1.41/containers/nonexist", null);
        assertEquals(404, noContainer.status());
        assertEquals("No such container: nonexist", JSON.readTree(noContainer.body()).get("message").asText());
        docker.ok("rm", dup);
    }

    @Test
    void secondBerthd_onTheSameDataRoot_refusesToStart_andLeavesTheFirstServing() throws Exception {
        Path otherExec = daemon.base.resolve("exec2");
        Process second = new ProcessBuilder(BerthdProcess.repoRoot().resolve("bin/berthd").toString(),
                "-H", "unix://" + daemon.base.resolve("second.sock"), "--data-root", daemon.dataRoot.toString(),
                "--exec-root", otherExec.toString(), "--pidfile", daemon.base.resolve("second.pid").toString())
                .redirectErrorStream(true).start();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second berthd must give up at once");
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, second.exitValue(), output);
        assertTrue(output.contains(daemon.dataRoot.toString()) && output.contains("already"), output);
        assertTrue(!Files.exists(daemon.base.resolve("second.sock")), "no socket for the refused daemon");
        assertEquals("OK", http.send("GET", "/_ping", null).body(), "the first daemon keeps serving");
    }

    @Test
    void runInteractive_deliversStdin_ttyIsRaw_andWhatBerthCannotDoYetIsRefusedClearly() throws Exception {
        requireFixtureImages();
        DockerCli.Result cat = docker.runWithInput("hi\nthere\n", "run", "-i", "--rm", BUSYBOX, "cat");
        assertEquals(0, cat.exitCode(), cat.toString());
        assertEquals("hi\nthere\n", cat.stdout());

        DockerCli.Result tty = docker.run("run", "-t", "--rm", BUSYBOX, "echo", "tty");
        assertEquals(0, tty.exitCode(), tty.toString());
        assertEquals("tty\r\n", tty.stdout(), "a TTY's output is raw, \\n as \\r\\n from the pty");
        // -p works since issue 8; --storage-opt is still an option berth refuses at create
        DockerCli.Result refused = docker.run("run", "--rm", "--storage-opt", "size=1G", BUSYBOX, "true");
        assertEquals(125, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("Error response from daemon: ")
                && refused.stderr().contains("--storage-opt"), refused.toString());
        assertEquals(List.of(), newContainers(), "a refused create leaves no container");
    }

    /**
     * Loads the two fixture images unless a test of this class already has. Loading an image that is
     * already there again is idempotent (the same "Loaded image" line, the same ID), so the order of the
     * tests does not matter.
     */
    private void requireFixtureImages() throws IOException, InterruptedException {
        if (!fixtureImagesLoaded) {
            docker.ok("load", "-i", fixture(BUSYBOX_ARCHIVE).toString());
            docker.ok("load", "-i", fixture(MULTILAYER_ARCHIVE).toString());
            fixtureImagesLoaded = true;
        }
    }

    /** @return a container name for {@code role} unique to the running test, e.g. {@code detached_psLogsFollowStopRm-web} */
    private String name(String role) {
        return testName + "-" + role;
    }

    /** @return a path for a file of the running test under the daemon's base directory */
    private Path file(String role) {
        return daemon.base.resolve(testName + "-" + role);
    }

    /** @return the full IDs of every container, running or not ({@code docker ps -aq --no-trunc}) */
    private List<String> containerIds() throws IOException, InterruptedException {
        return docker.ok("ps", "-aq", "--no-trunc").lines().filter(l -> !l.isBlank()).toList();
    }

    /** @return the full IDs of the containers that appeared since the running test started */
    private List<String> newContainers() throws IOException, InterruptedException {
        List<String> now = new ArrayList<>(containerIds());
        now.removeAll(containersBefore);
        return now;
    }

    private List<String> mountsContaining(String id) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].startsWith(daemon.base.toString()) && l.split(" ")[4].contains(id))
                .toList();
    }

    private static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.get("Action").asText()).toList();
    }

    private static int countTicks(String s) {
        return (int) s.lines().filter("tick"::equals).count();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String tarEntry(Path archive, String entry) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("entry", ".json");
        try {
            Process p = new ProcessBuilder("tar", "-xOf", archive.toString(), entry)
                    .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertEquals(0, p.waitFor());
            return Files.readString(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
