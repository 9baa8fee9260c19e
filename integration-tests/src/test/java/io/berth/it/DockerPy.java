package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of {@code integration-tests/src/test/python/}'s docker-py scripts with Debian's python3-docker
 * ({@code /usr/bin/python3}, not another python on PATH) against a daemon's socket ({@code DOCKER_HOST}); the
 * tools are required through {@link TestEnvironment} (a failure under CI, else a skip).
 */
final class DockerPy {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private DockerPy() {
    }

    /**
     * @param daemon the berthd
     * @param script the script's file name in {@code integration-tests/src/test/python/}
     * @param args its arguments
     * @return its exit status and its output (stdout and stderr together)
     */
    static DockerCli.Result run(BerthdProcess daemon, String script, String... args) throws Exception {
        return exec(script, daemon.socket, args);
    }

    /**
     * @param script the script's file name under src/test/python
     * @param socket the daemon's unix socket (DOCKER_HOST)
     * @param args the script's arguments
     * @return the script's output (stdout and stderr), after asserting it exited 0 within 120 s
     */
    static String run(String script, Path socket, String... args) throws Exception {
        DockerCli.Result r = exec(script, socket, args);
        assertEquals(0, r.exitCode(), r.stdout());
        return r.stdout();
    }

    private static DockerCli.Result exec(String script, Path socket, String... args) throws Exception {
        TestEnvironment env = TestEnvironment.current();
        env.require(Files.isExecutable(PYTHON), "python3 (" + PYTHON + ")");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import docker").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        env.require(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "docker-py (Debian python3-docker)");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(),
                BerthdProcess.repoRoot().resolve("integration-tests/src/test/python").resolve(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script + " did not end: " + out);
        return new DockerCli.Result(p.exitValue(), out, "");
    }
}
