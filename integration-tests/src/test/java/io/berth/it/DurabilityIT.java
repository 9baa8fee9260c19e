package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault test of issue 10's durability section, against a real {@code bin/berthd} with the real docker CLI:
 * <ul>
 *   <li>20 rounds of {@code kill -9} of engine-service at a random moment while a client loops
 *       {@code docker run -d} / {@code stop} / {@code rm}; berthd restarts the engine, and when it gives up
 *       after a crash loop (4 crashes in 2 minutes) it must say so and leave containers running, and a new
 *       berthd on the same roots takes over;</li>
 *   <li>5 rounds of {@code kill -9} of berthd with containers running (and one exiting while no berthd runs),
 *       then a new berthd on the same roots: running containers run on with the same Pid, the exited one shows
 *       the exit code its conmon recorded, {@code logs}, {@code stop}, {@code wait}, {@code rm} work.</li>
 * </ul>
 * After each test every container must be in its true state (running exactly when a process is in its cgroup),
 * removable, and once removed no mount under the daemon's roots, no conmon or container process, no runc state,
 * no bundle, no container snapshot and no container cgroup may be left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityIT {
    @RegisterExtension
    static final BerthdExtension berthd = BerthdExtension.overlay2();

    private static final String BUSYBOX = WalkingSkeletonContract.BUSYBOX;
    private static final String ENGINE_MAIN = "io.berth.engine.EngineMain";
    private final Random random = new Random();

    @AfterEach
    void removeEverything() throws Exception {
        DockerCli docker = berthd.docker();
        for (String id : docker.ok("ps", "-aq", "--no-trunc").split("\\s+")) {
            if (!id.isBlank()) {
                docker.run("rm", "-f", id);
            }
        }
    }

    @Test
    @Order(1)
    void engineKilledAtRandomMomentsDuringRunStopRm_everyContainerInItsTrueStateAndNothingLeaks() throws Exception {
        BerthdProcess daemon = berthd.daemon();
        DockerCli docker = berthd.docker();
        int layerSnapshots = snapshotDirs(daemon).size();
        int berthdRestarts = 0;
        for (int round = 0; round < 20; round++) {
            long enginePid = awaitEngine(daemon);
            AtomicBoolean stop = new AtomicBoolean();
            String prefix = "dur-e" + round + "-";
            Thread loop = new Thread(() -> runStopRmLoop(docker, prefix, stop), "client-loop");
            loop.start();
            Thread.sleep(300 + random.nextInt(2500));
            ProcessHandle.of(enginePid).ifPresent(ProcessHandle::destroyForcibly);
            stop.set(true);
            loop.join(120_000);
            if (awaitEngineOrGiveUp(daemon)) {
                continue;
            }
            // berthd gave up on the crash loop: it must say so and leave the containers to their conmon.
            String log = Files.readString(daemon.log, StandardCharsets.UTF_8);
            assertTrue(log.contains("keeps crashing; giving up"), "berthd names the crash loop:\n" + tail(log));
            assertTrue(log.contains("leaving every container running"), "berthd leaves containers:\n" + tail(log));
            Map<String, Integer> before = runningPids(docker, daemon);
            daemon.start();
            berthdRestarts++;
            assertEquals(before, runningPidsAfterRestart(docker, before.keySet()),
                    "containers running when berthd gave up run on with the same Pid");
        }
        assertTrue(berthdRestarts >= 1, "20 engine crashes must have made berthd give up at least once");
        assertTrueStates(docker, daemon);
        removeAll(docker);
        assertNoLeaks(daemon, layerSnapshots);
    }

    @Test
    @Order(2)
    void berthdKilledWithContainersRunning_newBerthdReattachesThem() throws Exception {
        BerthdProcess daemon = berthd.daemon();
        DockerCli docker = berthd.docker();
        int layerSnapshots = snapshotDirs(daemon).size();
        Map<String, Integer> pids = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            String logger = "dur-b" + round + "-log";
            docker.ok("run", "-d", "--name", logger, BUSYBOX, "sh", "-c",
                    "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done");
            String quitter = "dur-b" + round + "-quit";
            Instant quitterStart = Instant.now();
            docker.ok("run", "-d", "--name", quitter, BUSYBOX, "sh", "-c", "sleep 4; exit 7");
            awaitInspect(docker, logger, "{{.State.Running}}", "true");
            pids.put(logger, Integer.parseInt(docker.ok("inspect", "-f", "{{.State.Pid}}", logger).trim()));

            daemon.kill9();
            for (Map.Entry<String, Integer> e : pids.entrySet()) {
                assertTrue(ProcessHandle.of(e.getValue()).map(ProcessHandle::isAlive).orElse(false),
                        e.getKey() + " keeps running while no berthd runs");
            }
            long quitsIn = Duration.between(Instant.now(), quitterStart.plusSeconds(5)).toMillis();
            Thread.sleep(Math.max(0, quitsIn)); // the quitter exits while nobody watches
            daemon.start();

            for (Map.Entry<String, Integer> e : pids.entrySet()) {
                assertEquals("running " + e.getValue(), docker.ok("inspect", "-f", "{{.State.Status}} {{.State.Pid}}",
                        e.getKey()).trim(), e.getKey() + " is running with the same Pid");
            }
            assertEquals("exited 7", awaitInspect(docker, quitter, "{{.State.Status}} {{.State.ExitCode}}",
                    "exited 7"), "the exit code conmon recorded while no berthd ran");
            String logs = docker.ok("logs", "--tail", "5", logger);
            assertTrue(logs.contains("line "), "the log is still written: " + logs);
            assertFollowSeesNewLines(docker, daemon, logger);
            docker.ok("rm", quitter);
        }
        String first = "dur-b0-log";
        String before = docker.ok("logs", first);
        Thread.sleep(700);
        assertTrue(docker.ok("logs", first).length() > before.length(), "logs keep growing after 5 berthd kills");
        for (String name : pids.keySet()) {
            docker.ok("stop", "-t", "1", name);
            assertEquals("137", docker.ok("wait", name).trim(), "sh as PID 1 ignores SIGTERM: killed after 1 s");
        }
        assertTrueStates(docker, daemon);
        removeAll(docker);
        assertNoLeaks(daemon, layerSnapshots);
    }

    /** {@code docker logs -f} of a re-attached container streams lines written after it started. */
    private static void assertFollowSeesNewLines(DockerCli docker, BerthdProcess daemon, String name) throws Exception {
        Path out = Files.createTempFile(daemon.base, "follow", ".out");
        Path err = Files.createTempFile(daemon.base, "follow", ".err");
        Process p = docker.start(out, err, "logs", "-f", "--tail", "0", name);
        try {
            Instant deadline = Instant.now().plusSeconds(20);
            while (Files.readString(out).lines().count() < 3 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(out).lines().count() >= 3, "logs -f streams new lines of " + name + ": "
                    + Files.readString(out) + Files.readString(err));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    // --- the client loop of the engine test

    private static void runStopRmLoop(DockerCli docker, String prefix, AtomicBoolean stop) {
        try {
            for (int i = 0; !stop.get() && i < 100; i++) {
                String name = prefix + i;
                if (docker.run("run", "-d", "--name", name, BUSYBOX, "sleep", "1000").exitCode() != 0) {
                    return;
                }
                if (i % 3 == 2) {
                    continue; // keep some running across the crash
                }
                if (docker.run("stop", "-t", "1", name).exitCode() != 0 || i % 3 == 1) {
                    return;
                }
                if (docker.run("rm", name).exitCode() != 0) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- waiting for the daemon

    private static long awaitEngine(BerthdProcess daemon) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            var pid = daemon.servicePidUnder(ENGINE_MAIN);
            if (pid.isPresent() && Files.exists(daemon.execRoot.resolve("engine.sock"))
                    && pingsThroughEngine(daemon)) {
                return pid.getAsLong();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("engine-service not back within 90 s:\n" + tail(daemon.logs()));
    }

    /** @return true once the restarted engine answers, false if berthd gave up (and exited) instead */
    private static boolean awaitEngineOrGiveUp(BerthdProcess daemon) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Thread.sleep(300);
        while (Instant.now().isBefore(deadline)) {
            if (!daemon.isAlive()) {
                assertEquals(1, daemon.awaitExit(Duration.ofSeconds(30)), "berthd's status when it gives up");
                return false;
            }
            if (daemon.servicePidUnder(ENGINE_MAIN).isPresent() && pingsThroughEngine(daemon)) {
                return true;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("engine-service not back within 90 s:\n" + tail(daemon.logs()));
    }

    private static boolean pingsThroughEngine(BerthdProcess daemon) {
        try {
            return new UnixHttp(daemon.gatewaySocket()).send("GET", "/containers/json?all=1", null).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String awaitInspect(DockerCli docker, String name, String format, String want) throws Exception {
        return docker.awaitInspect(name, format, want::equals, 30);
    }

    // --- the checks

    /** Running (by inspect) exactly when a process is in the container's cgroup; running ones with that Pid. */
    private static void assertTrueStates(DockerCli docker, BerthdProcess daemon) throws Exception {
        Map<String, Set<Long>> inCgroups = cgroupProcesses(daemon.cgroupParent);
        for (String id : docker.ok("ps", "-aq", "--no-trunc").split("\\s+")) {
            if (id.isBlank()) {
                continue;
            }
            String[] s = docker.ok("inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.State.Pid}}", id).trim()
                    .split(" ");
            Set<Long> procs = inCgroups.getOrDefault(id, Set.of());
            if (s[1].equals("true")) {
                assertTrue(procs.contains(Long.parseLong(s[2])), id + " is " + s[0] + " with Pid " + s[2]
                        + " but its cgroup holds " + procs);
            } else {
                assertEquals(Set.of(), procs, id + " is " + s[0] + " but processes run in its cgroup");
                assertEquals("0", s[2], id + " is " + s[0] + " with a Pid");
            }
        }
    }

    private static void removeAll(DockerCli docker) throws Exception {
        for (String id : docker.ok("ps", "-aq", "--no-trunc").split("\\s+")) {
            if (!id.isBlank()) {
                docker.ok("rm", "-f", id);
            }
        }
        assertEquals("", docker.ok("ps", "-aq").trim());
    }

    private static void assertNoLeaks(BerthdProcess daemon, int layerSnapshots) throws Exception {
        Path exec = daemon.execRoot;
        List<String> mounts = daemon.leftoverMounts();
        assertEquals(List.of(), mounts, "mounts under the roots");
        assertEquals(Map.of(), cgroupProcesses(daemon.cgroupParent), "processes in container cgroups");
        List<String> conmons = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/conmon")).orElse(false))
                .filter(p -> BerthdProcess.cmdline(p.pid()).contains(exec.toString() + "/"))
                .map(p -> p.pid() + " " + BerthdProcess.cmdline(p.pid())).toList();
        assertEquals(List.of(), conmons, "conmon processes");
        assertEquals(List.of(), list(exec.resolve("runc")), "runc states");
        assertEquals(List.of(), list(exec.resolve("containers")), "bundles");
        assertEquals(List.of(), list(daemon.dataRoot.resolve("containers")), "container directories");
        assertEquals(layerSnapshots, snapshotDirs(daemon).size(), "snapshots: only the image's layers stay");
        List<String> cgroups = new ArrayList<>();
        for (Path cg : daemon.leftoverCgroups()) {
            cgroups.addAll(list(cg));
        }
        assertEquals(List.of(), cgroups.stream().filter(n -> n.matches("[0-9a-f]{64}")).toList(), "container cgroups");
    }

    /** @return container ID → pids of the processes in its cgroup {@code <parent>/<id>}, in any hierarchy */
    private static Map<String, Set<Long>> cgroupProcesses(String parent) {
        Map<String, Set<Long>> out = new HashMap<>();
        String marker = parent + "/";
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "cgroup"))) {
                    int at = line.indexOf(marker);
                    if (at >= 0) {
                        String id = line.substring(at + marker.length()).split("/")[0];
                        out.computeIfAbsent(id, k -> new TreeSet<>()).add(p.pid());
                        break;
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        });
        return out;
    }

    private static Map<String, Integer> runningPids(DockerCli docker, BerthdProcess daemon) throws Exception {
        // berthd is gone: read the records (the API is down) and keep those whose process runs.
        Map<String, Integer> out = new HashMap<>();
        Map<String, Set<Long>> procs = cgroupProcesses(daemon.cgroupParent);
        Path containers = daemon.dataRoot.resolve("containers");
        for (String id : list(containers)) {
            Path record = containers.resolve(id).resolve("config.v2.json");
            if (!Files.exists(record)) {
                continue;
            }
            String json = Files.readString(record);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Pid\"\\s*:\\s*(\\d+)").matcher(json);
            if (m.find() && !m.group(1).equals("0") && procs.getOrDefault(id, Set.of())
                    .contains(Long.parseLong(m.group(1)))) {
                out.put(id, Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    private static Map<String, Integer> runningPidsAfterRestart(DockerCli docker, Set<String> ids) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (String id : ids) {
            String[] s = docker.ok("inspect", "-f", "{{.State.Running}} {{.State.Pid}}", id).trim().split(" ");
            if (s[0].equals("true")) {
                out.put(id, Integer.parseInt(s[1]));
            }
        }
        return out;
    }

    private static List<Path> snapshotDirs(BerthdProcess daemon) throws IOException {
        Path dir = daemon.dataRoot.resolve("storage/overlay2/snapshots");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }
}
