package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Testcontainers 2.0.5 (from Maven Central, docker-java underneath) against berth: {@code FixtureContainerCase}, a
 * JUnit 5 class with a {@code @Container} GenericContainer of the busybox fixture (exposed port, HTTP wait
 * strategy, execInContainer, copy to and from, logs), run through the JUnit Platform launcher in a JVM of its own
 * whose environment has {@code DOCKER_HOST} = this berthd's socket and {@code TESTCONTAINERS_RYUK_DISABLED=true}
 * (Ryuk is an image from a registry; Testcontainers reads both only from the environment). HOME and DOCKER_CONFIG
 * point at empty directories so that no ~/.testcontainers.properties or ~/.docker of the machine is read. After
 * it, Testcontainers has removed its container.
 */
class FixtureTestcontainersIT {
    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @Test
    void fixtureContainerCase_passesAgainstBerth() throws Exception {
        BerthdProcess daemon = BERTHD.daemon();
        Path home = Files.createTempDirectory("tc-home");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", classPath, "io.berth.it.testcontainers.JUnitChild",
                "io.berth.it.testcontainers.FixtureContainerCase").redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        // This machine is itself a container (/.dockerenv), so Testcontainers would ask GET /networks/bridge for
        // the gateway to reach mapped ports on; berth's /networks API is another branch's (r-netu). Until it is
        // merged, name the host as a user would (Testcontainers' documented override): ports are published on
        // 0.0.0.0, so 127.0.0.1 reaches them like the bridge's gateway address would.
        pb.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        // Testcontainers' start-up check wants a server Version of at least 1.6.0 (dockerd's numbering); berth's
        // /version says 0.1.0 (its own). Until the gateway reports a dockerd-like Version, a user sets this too.
        pb.environment().put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("DOCKER_CONFIG", home.resolve(".docker").toString());
        pb.environment().remove("DOCKER_TLS_VERIFY");
        pb.environment().remove("DOCKER_CERT_PATH");
        Path log = Path.of("target", "failsafe-reports", "FixtureTestcontainersIT-child.log");
        Files.createDirectories(log.getParent());
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the Testcontainers JVM did not finish in 300 s:\n" + Files.readString(log));
            }
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        String out = Files.readString(log);

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("tests succeeded: 4, failed: 0"), out);
        assertEquals(List.of(), List.of(BERTHD.docker().ok("ps", "-aq").split("\n")).stream()
                .filter(s -> !s.isBlank()).toList(), "Testcontainers removed its container");
    }
}
