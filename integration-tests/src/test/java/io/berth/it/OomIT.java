package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container killed by the kernel for memory, against a real {@code bin/berthd} with the real docker CLI:
 * OOMKilled true, exit code 137, and the events {@code oom} then {@code die}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OomIT {
    DockerCli docker;
    String name;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() {
        docker = BERTHD.docker();
    }

    @AfterEach
    void removeContainer() throws Exception {
        if (name != null) {
            docker.run("rm", "-f", name);
        }
    }

    @Test
    void memoryHog_isOomKilled_137_withOomEvent() throws Exception {
        name = "oom-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minusSeconds(1);
        DockerCli.Result r = docker.run("run", "--name", name, "-m", "16m", "--memory-swap", "16m",
                WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "x=0123456789; while true; do x=$x$x; done");
        assertEquals(137, r.exitCode(), r.toString());
        assertEquals("exited true 137 16777216 16777216", docker.ok("inspect", "-f",
                "{{.State.Status}} {{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}} "
                        + "{{.HostConfig.MemorySwap}}", name).trim());
        Thread.sleep(300); // events reach the monitor asynchronously
        String events = docker.ok("events", "--since", Long.toString(t0.getEpochSecond()), "--until", DockerCli.eventsNow(),
                "--filter", "container=" + name, "--filter", "event=oom", "--filter", "event=die",
                "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}");
        assertEquals("oom \ndie 137\n", events);
    }
}
