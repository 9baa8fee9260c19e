package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The container lifecycle with the real docker CLI against a real {@code bin/berthd}: pause/unpause (the
 * freezer cgroup's state, stop and rm -f of a paused container), rename, update (the limits read back from the
 * cgroup, dockerd's conflict), top, kill with signal names and numbers (the signal attribute of the kill
 * event), restart's events, wait conditions, concurrent rm -f and container prune. Each test names its own
 * containers and removes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleIT {
    DockerCli docker;
    UnixHttp http;
    final List<String> made = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() throws Exception {
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String n : made) {
            docker.run("rm", "-f", n);
        }
        made.clear();
    }

    private String run(String... args) throws Exception {
        String n = "life-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(n);
        List<String> a = new ArrayList<>(List.of("run", "-d", "--name", n));
        a.addAll(List.of(args));
        docker.ok(a.toArray(String[]::new));
        return n;
    }

    private String sleeper() throws Exception {
        return run(WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
    }

    private String inspect(String name, String format) throws Exception {
        return docker.ok("inspect", "-f", format, name).trim();
    }

    private String events(long since, String name, String until) throws Exception {
        return docker.ok("events", "--since", Long.toString(since), "--until", until, "--filter",
                "container=" + name, "--format",
                "{{.Action}} {{index .Actor.Attributes \"signal\"}}{{index .Actor.Attributes \"oldName\"}}");
    }

    private String awaitEvents(long since, String name, String expected) throws Exception {
        String ev = "";
        for (int i = 0; i < 50 && !ev.contains(expected); i++) {
            if (i > 0) {
                Thread.sleep(200);
            }
            ev = events(since, name, "0s");
        }
        return ev;
    }

    /** The freezer cgroup (v1) of the container's init process. */
    private Path freezerState(String name) throws Exception {
        String pid = inspect(name, "{{.State.Pid}}");
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f[1].equals("freezer")) {
                return Path.of("/sys/fs/cgroup/freezer" + f[2], "freezer.state");
            }
        }
        return null;
    }

    @Test
    void pauseUnpause_freezesTheCgroup_statePausedAndEvents() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        String n = sleeper();
        docker.ok("pause", n);
        assertEquals("paused true true", inspect(n, "{{.State.Status}} {{.State.Running}} {{.State.Paused}}"));
        Path freezer = freezerState(n);
        if (freezer != null) {
            assertEquals("FROZEN", Files.readString(freezer).trim());
        }
        assertTrue(docker.ok("ps", "--filter", "status=paused", "--format", "{{.Names}} {{.Status}}")
                .contains(n + " Up"), "ps status=paused");
        DockerCli.Result again = docker.run("pause", n);
        assertTrue(again.stderr().contains("is already paused"), again.toString());
        DockerCli.Result exec = docker.run("exec", n, "true");
        assertTrue(exec.stderr().contains("is paused, unpause the container before exec"), exec.toString());
        DockerCli.Result rm = docker.run("rm", n);
        assertTrue(rm.stderr().contains("You cannot remove a paused container"), rm.toString());
        docker.ok("unpause", n);
        assertEquals("running false", inspect(n, "{{.State.Status}} {{.State.Paused}}"));
        if (freezer != null) {
            assertEquals("THAWED", Files.readString(freezer).trim());
        }
        DockerCli.Result un = docker.run("unpause", n);
        assertTrue(un.stderr().contains("is not paused"), un.toString());
        String ev = awaitEvents(since, n, "unpause");
        assertTrue(ev.contains("pause \n") && ev.contains("unpause"), ev);
    }

    @Test
    void stopAndRmForce_ofAPausedContainer_work() throws Exception {
        String a = sleeper();
        docker.ok("pause", a);
        docker.ok("stop", "-t", "1", a);
        assertEquals("exited", inspect(a, "{{.State.Status}}"));
        String b = sleeper();
        docker.ok("pause", b);
        docker.ok("rm", "-f", b);
        assertFalse(docker.ok("ps", "-a", "--format", "{{.Names}}").contains(b));
    }

    @Test
    void rename_changesTheName_conflictsAndEvent() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        String a = sleeper();
        String b = sleeper();
        String renamed = a + "-new";
        made.add(renamed);
        docker.ok("rename", a, renamed);
        assertEquals("/" + renamed, inspect(renamed, "{{.Name}}"));
        DockerCli.Result taken = docker.run("rename", renamed, b);
        assertTrue(taken.stderr().contains("is already in use by container"), taken.toString());
        DockerCli.Result same = docker.run("rename", b, b);
        assertTrue(same.stderr().contains("Renaming a container with the same name as its current name"),
                same.toString());
        DockerCli.Result bad = docker.run("rename", b, "bad name");
        assertTrue(bad.stderr().contains("Invalid container name"), bad.toString());
        UnixHttp.Response missing = http.send("POST", "/v1.41/containers/nosuch-x/rename?name=y", "");
        assertEquals(404, missing.status(), missing.body());
        String ev = awaitEvents(since, renamed, "rename");
        assertTrue(ev.contains("rename /" + a), ev);
    }

    @Test
    void update_writesTheCgroupAtOnce_storesIt_andRefusesAsDockerd() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        String n = run("-m", "64m", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("update", "--memory", "96m", "--memory-swap", "192m", "--cpu-shares", "512", "--pids-limit", "50",
                n);
        assertEquals("100663296 512 50", inspect(n, "{{.HostConfig.Memory}} {{.HostConfig.CpuShares}} "
                + "{{.HostConfig.PidsLimit}}"));
        String pid = inspect(n, "{{.State.Pid}}");
        String mem = "";
        String pids = "";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f[1].equals("memory")) {
                mem = Files.readString(Path.of("/sys/fs/cgroup/memory" + f[2], "memory.limit_in_bytes")).trim();
            }
            if (f[1].equals("pids")) {
                pids = Files.readString(Path.of("/sys/fs/cgroup/pids" + f[2], "pids.max")).trim();
            }
            if (f[0].equals("0") && f[1].isEmpty() && Files.exists(Path.of("/sys/fs/cgroup" + f[2], "memory.max"))) {
                mem = Files.readString(Path.of("/sys/fs/cgroup" + f[2], "memory.max")).trim();
            }
        }
        assertEquals("100663296", mem);
        assertEquals("50", pids);
        DockerCli.Result conflict = docker.run("update", "--memory", "512m", n);
        assertTrue(conflict.stderr().contains("Memory limit should be smaller than already set memoryswap limit"),
                conflict.toString());
        DockerCli.Result tooSmall = docker.run("update", "--memory", "1m", n);
        assertTrue(tooSmall.stderr().contains("Minimum memory limit allowed is 6MB"), tooSmall.toString());
        docker.ok("stop", "-t", "0", n);
        docker.ok("update", "--cpu-shares", "256", n);
        assertEquals("256", inspect(n, "{{.HostConfig.CpuShares}}"));
        String ev = awaitEvents(since, n, "update");
        assertTrue(ev.contains("update"), ev);
    }

    @Test
    void top_listsTheContainersProcesses_409WhenStopped() throws Exception {
        String n = sleeper();
        String out = docker.ok("top", n);
        assertTrue(out.startsWith("UID") && out.contains("PID") && out.contains("sleep 1000"), out);
        String aux = docker.ok("top", n, "aux");
        assertTrue(aux.contains("%CPU") && aux.contains("sleep 1000"), aux);
        UnixHttp.Response r = http.send("GET", "/v1.41/containers/" + n + "/top?ps_args=-o%20pid,comm", null);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"Titles\":[\"PID\",\"COMMAND\"]") && r.body().contains("\"sleep\""), r.body());
        docker.ok("stop", "-t", "0", n);
        UnixHttp.Response stopped = http.send("GET", "/v1.41/containers/" + n + "/top", null);
        assertEquals(409, stopped.status(), stopped.body());
    }

    @Test
    void kill_signalsByNameAndNumber_eventCarriesTheNumber_badSignal400() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        String n = run(WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "trap 'echo hup' HUP; trap 'echo rt' 37; while true; do sleep 0.1; done");
        Thread.sleep(300);
        // A standard signal that arrives while the same one is pending is merged into it (signal(7)), and the
        // shell runs its trap only after the running `sleep 0.1`: each signal waits for its trap's line.
        String logs = "";
        String[] hups = {"HUP", "SIGHUP", "1"};
        for (int k = 0; k < hups.length; k++) {
            docker.ok("kill", "-s", hups[k], n);
            logs = awaitLogLines(n, "hup", k + 1);
        }
        docker.ok("kill", "-s", "RTMIN+3", n);
        UnixHttp.Response bad = http.send("POST", "/v1.41/containers/" + n + "/kill?signal=NOPE", "");
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("Invalid signal: NOPE"), bad.body());
        logs = awaitLogLines(n, "rt", 1);
        assertTrue(logs.contains("hup\nhup\nhup\n") && logs.contains("rt"), logs);
        String ev = awaitEvents(since, n, "kill 37");
        assertTrue(ev.contains("kill 1\nkill 1\nkill 1\nkill 37"), ev);
    }

    /** Polls {@code docker logs} (up to 10 s) until {@code line} appears as a whole line {@code count} times. */
    private String awaitLogLines(String container, String line, int count) throws Exception {
        String logs = "";
        for (int i = 0; i < 100; i++) {
            logs = docker.ok("logs", container);
            if (logs.lines().filter(line::equals).count() >= count) {
                return logs;
            }
            Thread.sleep(100);
        }
        return logs;
    }

    @Test
    void restart_stopsAndStarts_inDockerdsEventOrder() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        String n = sleeper();
        String before = inspect(n, "{{.State.Pid}}");
        docker.ok("restart", "-t", "1", n);
        assertEquals("running", inspect(n, "{{.State.Status}}"));
        assertFalse(before.equals(inspect(n, "{{.State.Pid}}")));
        String ev = awaitEvents(since, n, "restart");
        assertTrue(ev.replaceAll(" [0-9]*\n", "\n").contains("kill\ndie\nstop\nstart\nrestart"), ev);
        String rm = run("--rm", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("restart", "-t", "0", rm);
        assertEquals("running", inspect(rm, "{{.State.Status}}"));
    }

    @Test
    void wait_conditions_notRunningNextExitRemoved() throws Exception {
        String n = run(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "exit 3");
        assertEquals("3", docker.ok("wait", n).trim());
        UnixHttp.Response nr = http.send("POST", "/v1.41/containers/" + n + "/wait?condition=not-running", "");
        assertTrue(nr.body().contains("\"StatusCode\":3"), nr.body());
        String s = sleeper();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<UnixHttp.Response> next = pool.submit(() -> http.send("POST", "/v1.41/containers/" + s
                    + "/wait?condition=next-exit", ""));
            Future<UnixHttp.Response> removed = pool.submit(() -> http.send("POST", "/v1.41/containers/" + s
                    + "/wait?condition=removed", ""));
            Thread.sleep(500);
            docker.ok("kill", s);
            assertTrue(next.get().body().contains("\"StatusCode\":137"), next.get().body());
            assertFalse(removed.isDone());
            docker.ok("rm", s);
            assertTrue(removed.get().body().contains("\"StatusCode\":137"), removed.get().body());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRmForce_exactlyOneSucceeds() throws Exception {
        String n = sleeper();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DockerCli.Result>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<DockerCli.Result> rm = () -> docker.run("rm", "-f", n);
                all.add(pool.submit(rm));
            }
            int ok = 0;
            for (Future<DockerCli.Result> f : all) {
                DockerCli.Result r = f.get();
                if (r.exitCode() == 0) {
                    ok++;
                } else {
                    assertTrue(r.stderr().contains("is already in progress") || r.stderr().contains("No such container"),
                            r.toString());
                }
            }
            assertEquals(1, ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void containerPrune_removesStoppedMatchingOnes_reportsSpace() throws Exception {
        String keep = run("--label", "life=keep", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "dd if=/dev/zero of=/big bs=1024 count=512");
        String gone = run("--label", "life=prune", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "dd if=/dev/zero of=/big bs=1024 count=512");
        String running = run("--label", "life=prune", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("wait", keep);
        docker.ok("wait", gone);
        UnixHttp.Response r = http.send("POST",
                "/v1.41/containers/prune?filters=%7B%22label%22%3A%7B%22life%3Dprune%22%3Atrue%7D%7D", "");
        assertEquals(200, r.status(), r.body());
        String goneId = inspectId(r, gone);
        assertTrue(r.body().contains(goneId), r.body());
        long reclaimed = Long.parseLong(r.body().replaceAll(".*\"SpaceReclaimed\":([0-9]+).*", "$1").trim());
        assertTrue(reclaimed >= 512 * 1024, r.body());
        String names = docker.ok("ps", "-a", "--format", "{{.Names}}");
        assertTrue(names.contains(keep) && names.contains(running) && !names.contains(gone), names);
        UnixHttp.Response bad = http.send("POST", "/v1.41/containers/prune?filters=%7B%22nope%22%3A%7B%22x%22%3Atrue%7D%7D", "");
        assertEquals(400, bad.status(), bad.body());
    }

    @Test
    void dockerPy_lifecycle() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path script = BerthdProcess.repoRoot().resolve("integration-tests/src/test/python/lifecycle_dockerpy.py");
        TestEnvironment.current().require(Files.isExecutable(python), "python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import docker").start();
        TestEnvironment.current().require(probe.waitFor() == 0, "docker-py (Debian python3-docker)");
        String prefix = "life-py-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(prefix + "-a");
        made.add(prefix + "-b");
        made.add(prefix + "-p");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), WalkingSkeletonContract.BUSYBOX,
                prefix).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + BERTHD.daemon().socket);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertEquals("ok\n", out);
    }

    private String inspectId(UnixHttp.Response prune, String name) {
        // The container is gone: its ID is the one 64-hex entry of ContainersDeleted.
        return prune.body().replaceAll(".*\"ContainersDeleted\":\\[\"([0-9a-f]{64})\".*", "$1").trim();
    }
}
