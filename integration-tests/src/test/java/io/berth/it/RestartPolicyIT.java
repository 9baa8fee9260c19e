package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restart policies against a real {@code bin/berthd} with the real docker CLI: on-failure:N stops after N
 * restarts with RestartCount N and the events die → start as dockerd's; "always" backs off 100 ms doubling,
 * shows Restarting while waiting, and {@code docker stop} ends it; {@code docker rm} of a restarting
 * container is a 409 and {@code rm -f} removes it; after berthd restarts, "always" and "unless-stopped"
 * containers not stopped by the user run again; AutoRemove with a restart policy is dockerd's 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartPolicyIT {
    DockerCli docker;
    UnixHttp http;
    BerthdProcess daemon;
    ContainerNames names;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        names = new ContainerNames(docker);
        http = BERTHD.http();
    }

    @AfterEach
    void removeContainers() throws Exception {
        names.removeAll();
    }

    private String name(String prefix) {
        return names.next(prefix);
    }

    /** The container's events since {@code since}, "action timeNano" per line. */
    private List<String> events(String name, Instant since) throws Exception {
        String out = docker.ok("events", "--since", since.getEpochSecond() + "." + String.format("%09d",
                since.getNano()), "--until", "0s", "--filter", "container=" + name, "--format",
                "{{.Action}} {{.TimeNano}}");
        return out.lines().toList();
    }

    @Test
    void onFailure_restartsNTimes_thenStaysExited() throws Exception {
        String n = name("onfail");
        Instant t0 = Instant.now().minusSeconds(1);
        docker.ok("run", "-d", "--name", n, "--restart", "on-failure:3", WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "exit 3");
        assertEquals("exited 3 3", docker.awaitInspect(n, "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}",
                s -> s.equals("exited 3 3"), 30));
        Thread.sleep(1000); // no fourth restart
        assertEquals("exited 3 false", docker.ok("inspect", "-f",
                "{{.State.Status}} {{.RestartCount}} {{.State.Restarting}}", n).trim());
        assertEquals("on-failure 3", docker.ok("inspect", "-f",
                "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", n).trim());
        Thread.sleep(300); // events reach the monitor asynchronously
        List<String> actions = events(n, t0).stream().map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("create", "start", "die", "start", "die", "start", "die", "start", "die"), actions);
    }

    @Test
    void always_backsOffDoubling_showsRestarting_andStopEndsIt() throws Exception {
        String n = name("always");
        Instant t0 = Instant.now().minusSeconds(1);
        docker.ok("run", "-d", "--name", n, "--restart", "always", WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "exit 1");
        docker.awaitInspect(n, "{{.RestartCount}}", s -> Integer.parseInt(s) >= 5, 30);
        // The sixth delay is 3.2 s: the container is seen restarting, Running true, no pid.
        assertEquals("restarting true true 0 1", docker.awaitInspect(n,
                "{{.State.Status}} {{.State.Running}} {{.State.Restarting}} {{.State.Pid}} {{.State.ExitCode}}",
                s -> s.startsWith("restarting"), 10));
        String ps = "";
        for (Instant end = Instant.now().plusSeconds(20); Instant.now().isBefore(end) && !ps.startsWith("Restarting");) {
            ps = docker.ok("ps", "--filter", "name=" + n, "--format", "{{.Status}}").trim();
        }
        assertTrue(ps.startsWith("Restarting (1) ") && ps.endsWith(" ago"), ps);
        Thread.sleep(300);
        List<Long> dies = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (String e : events(n, t0)) {
            String[] f = e.split(" ");
            (f[0].equals("die") ? dies : f[0].equals("start") ? starts : new ArrayList<Long>()).add(
                    Long.parseLong(f[1]));
        }
        assertTrue(starts.size() >= 5 && dies.size() >= 5, starts + " " + dies);
        // Each die → start gap is the back-off plus the start's own latency (hundreds of ms on a loaded machine),
        // so only the lower bound of each doubling delay is checked.
        for (int i = 0; i < 4; i++) {
            long gapMillis = (starts.get(i + 1) - dies.get(i)) / 1_000_000;
            long expected = 100L << i;
            assertTrue(gapMillis >= expected - 20, "delay " + i + " was " + gapMillis + " ms, expected " + expected);
        }
        long before = System.nanoTime();
        docker.ok("stop", n);
        assertTrue(System.nanoTime() - before < 5_000_000_000L, "stop of a restarting container must not wait");
        assertEquals("exited false", docker.ok("inspect", "-f", "{{.State.Status}} {{.State.Restarting}}", n).trim());
        String count = docker.ok("inspect", "-f", "{{.RestartCount}}", n).trim();
        Thread.sleep(4000);
        assertEquals("exited " + count, docker.ok("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", n).trim());
    }

    @Test
    void rm_ofRestarting_is409_andForceRemovesIt() throws Exception {
        String n = name("rm");
        docker.ok("run", "-d", "--name", n, "--restart", "always", WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "exit 2");
        docker.awaitInspect(n, "{{.RestartCount}}", s -> Integer.parseInt(s) >= 5, 30);
        docker.awaitInspect(n, "{{.State.Status}}", s -> s.equals("restarting"), 10);
        DockerCli.Result r = docker.run("rm", n);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("You cannot remove a restarting container"), r.toString());
        docker.ok("rm", "-f", n);
        DockerCli.Result gone = docker.run("inspect", n);
        assertTrue(gone.stderr().contains("No such object"), gone.toString());
    }

    @Test
    void kill_ofRunningAlways_doesNotRestart() throws Exception {
        String n = name("kill");
        docker.ok("run", "-d", "--name", n, "--restart", "always", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("kill", n);
        Thread.sleep(1500);
        assertEquals("exited 137 0", docker.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}",
                n).trim());
    }

    @Test
    void autoRemoveWithRestartPolicy_is400() throws Exception {
        UnixHttp.Response r = http.send("POST", "/v1.41/containers/create", "{\"Image\":\""
                + WalkingSkeletonContract.BUSYBOX + "\",\"Cmd\":[\"true\"],\"HostConfig\":{\"AutoRemove\":true,"
                + "\"RestartPolicy\":{\"Name\":\"always\"}}}");
        assertEquals(400, r.status(), r.body());
        assertEquals("{\"message\":\"can't create 'AutoRemove' container with restart policy\"}", r.body().trim());
        assertEquals("", docker.ok("ps", "-aq").trim(), "nothing is created");
    }

    @Test
    void berthdRestart_bringsBackAlwaysAndUnlessStopped_notStoppedOrNo() throws Exception {
        String always = name("b-always");
        String unless = name("b-unless");
        String stopped = name("b-stopped");
        String no = name("b-no");
        docker.ok("run", "-d", "--name", always, "--stop-timeout", "1", "--restart", "always",
                WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("run", "-d", "--name", unless, "--stop-timeout", "1", "--restart", "unless-stopped",
                WalkingSkeletonContract.BUSYBOX,
                "sleep", "1000");
        docker.ok("run", "-d", "--name", stopped, "--restart", "unless-stopped", WalkingSkeletonContract.BUSYBOX,
                "sleep", "1000");
        docker.ok("run", "-d", "--name", no, "--stop-timeout", "1", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.ok("stop", "-t", "1", stopped);
        assertEquals(0, daemon.stop(), "berthd's clean stop");
        daemon.start();
        assertEquals("running", docker.ok("inspect", "-f", "{{.State.Status}}", always).trim());
        assertEquals("running", docker.ok("inspect", "-f", "{{.State.Status}}", unless).trim());
        assertEquals("exited", docker.ok("inspect", "-f", "{{.State.Status}}", stopped).trim());
        assertEquals("exited", docker.ok("inspect", "-f", "{{.State.Status}}", no).trim());
        assertEquals("1000", docker.ok("exec", always, "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' ' | cut -d' ' -f2")
                .trim());
    }
}
