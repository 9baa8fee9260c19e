package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a docker-py script from {@code integration-tests/src/test/python/} with Debian's python3-docker
 * against a daemon's socket (required through {@link TestEnvironment}: skipped, or failed under CI, when
 * the module is missing).
 */
final class DockerPy {
    private DockerPy() {
    }

    /**
     * @param script the script's file name under src/test/python
     * @param socket the daemon's unix socket (DOCKER_HOST)
     * @param args the script's arguments
     * @return the script's output (stdout and stderr), after asserting it exited 0 within 120 s
     */
    static String run(String script, Path socket, String... args) throws Exception {
        TestEnvironment.current().require(present(), "python3 with the docker module (python3-docker)");
        List<String> cmd = new ArrayList<>(List.of("python3",
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
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static boolean present() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import docker").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
