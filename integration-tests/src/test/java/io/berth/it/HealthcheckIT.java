package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Healthchecks against a real {@code bin/berthd} with the real docker CLI: {@code --health-*} probes run on
 * schedule through exec, State.Health goes starting → healthy → unhealthy (FailingStreak, Log of at most 5
 * with Start/End/ExitCode/Output), {@code health_status} events, {@code ps --filter health=} and the ps
 * status text, a probe past its timeout is killed and logged with exit code -1, {@code --no-healthcheck}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthcheckIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    DockerCli docker;
    ContainerNames names;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() {
        docker = BERTHD.docker();
        names = new ContainerNames(docker);
    }

    @AfterEach
    void removeContainers() throws Exception {
        names.removeAll();
    }

    private String name(String prefix) {
        return names.next(prefix);
    }

    private JsonNode health(String n) throws Exception {
        return JSON.readTree(docker.ok("inspect", "-f", "{{json .State.Health}}", n));
    }

    @Test
    void healthcheck_turnsHealthy_thenUnhealthy_withEventsLogAndFilter() throws Exception {
        String n = name("health");
        Instant t0 = Instant.now().minusSeconds(1);
        docker.ok("run", "-d", "--name", n, "--health-cmd", "test -f /tmp/ok && echo fine", "--health-interval",
                "1s", "--health-retries", "2", WalkingSkeletonContract.BUSYBOX, "sh", "-c", "touch /tmp/ok; sleep 1000");
        assertEquals("starting", health(n).path("Status").asText(), "starting before the first probe");
        docker.awaitInspect(n, "{{.State.Health.Status}}", s -> s.equals("healthy"), 30);
        JsonNode h = health(n);
        assertEquals(0, h.path("FailingStreak").asInt());
        JsonNode first = h.path("Log").get(0);
        assertEquals(0, first.path("ExitCode").asInt());
        assertEquals("fine\n", first.path("Output").asText());
        assertTrue(Instant.parse(first.path("End").asText()).compareTo(Instant.parse(first.path("Start").asText())) >= 0);
        assertTrue(docker.ok("ps", "--filter", "health=healthy", "--format", "{{.Names}} {{.Status}}")
                .contains(n + " Up "), "ps --filter health=healthy lists it");
        assertTrue(docker.ok("ps", "--format", "{{.Names}} {{.Status}}").lines()
                .anyMatch(l -> l.startsWith(n + " Up ") && l.endsWith("(healthy)")));

        docker.ok("exec", n, "rm", "/tmp/ok");
        docker.awaitInspect(n, "{{.State.Health.Status}}", s -> s.equals("unhealthy"), 30);
        h = health(n);
        assertTrue(h.path("FailingStreak").asInt() >= 2, h.toString());
        JsonNode last = h.path("Log").get(h.path("Log").size() - 1);
        assertEquals(1, last.path("ExitCode").asInt(), h.toString());
        assertEquals("", docker.ok("ps", "--filter", "health=healthy", "--format", "{{.Names}}").trim());
        assertEquals(n, docker.ok("ps", "--filter", "health=unhealthy", "--format", "{{.Names}}").trim());
        docker.awaitInspect(n, "{{len .State.Health.Log}}", s -> s.equals("5"), 30);
        Thread.sleep(1500);
        assertEquals(5, health(n).path("Log").size(), "only the last 5 results are kept");

        String events = docker.ok("events", "--since", Long.toString(t0.getEpochSecond()), "--until", DockerCli.eventsNow(),
                "--filter", "container=" + n, "--filter", "event=health_status", "--format", "{{.Action}}");
        List<String> statuses = events.lines().toList();
        assertEquals(List.of("health_status: healthy", "health_status: unhealthy"), statuses);
        DockerCli.Result bad = docker.run("ps", "--filter", "health=sick");
        assertTrue(bad.stderr().contains("Unrecognised filter value for health: sick"), bad.toString());
    }

    @Test
    void probePastItsTimeout_isKilledAndLoggedMinusOne() throws Exception {
        String n = name("timeout");
        docker.ok("run", "-d", "--name", n, "--health-cmd", "sleep 77", "--health-interval", "3s",
                "--health-timeout", "1s", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        docker.awaitInspect(n, "{{len .State.Health.Log}}", s -> !s.equals("0"), 30);
        JsonNode r = health(n).path("Log").get(0);
        assertEquals(-1, r.path("ExitCode").asInt(), r.toString());
        assertEquals("Health check exceeded timeout (1s)", r.path("Output").asText());
        long tookMillis = Instant.parse(r.path("End").asText()).toEpochMilli()
                - Instant.parse(r.path("Start").asText()).toEpochMilli();
        assertTrue(tookMillis >= 900 && tookMillis < 10_000, "the probe ended after " + tookMillis + " ms");
        String ps = docker.ok("exec", n, "ps", "-o", "args");
        assertFalse(ps.contains("sleep 77"), "the timed-out probe was killed:\n" + ps);
    }

    @Test
    void noHealthcheck_hasNoHealth_andFilterNone() throws Exception {
        String n = name("nohealth");
        docker.ok("run", "-d", "--name", n, "--no-healthcheck", WalkingSkeletonContract.BUSYBOX, "sleep", "1000");
        assertEquals("[\"NONE\"]", docker.ok("inspect", "-f", "{{json .Config.Healthcheck.Test}}", n).trim());
        assertEquals("null", docker.ok("inspect", "-f", "{{json .State.Health}}", n).trim());
        assertTrue(docker.ok("ps", "--filter", "health=none", "--format", "{{.Names}}").lines()
                .anyMatch(n::equals));
    }
}
