package io.berth.it;

import io.berth.common.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one of {@code src/test/python/}'s docker-py scripts (Debian's python3-docker) against a berthd, with
 * {@code DOCKER_HOST} set to its socket: required tools are asked for through {@link TestEnvironment} (a
 * failure under CI, else a skip).
 */
final class DockerPy {
    private DockerPy() {
    }

    /**
     * @param daemon the berthd
     * @param script the script's file name in {@code integration-tests/src/test/python/}
     * @param args its arguments
     * @return its exit status and its output (stdout and stderr)
     */
    static DockerCli.Result run(BerthdProcess daemon, String script, String... args) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        TestEnvironment.current().require(Files.isExecutable(python), "python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import docker").start();
        TestEnvironment.current().require(probe.waitFor() == 0, "docker-py (Debian python3-docker)");
        String[] cmd = new String[args.length + 2];
        cmd[0] = python.toString();
        cmd[1] = BerthdProcess.repoRoot().resolve("integration-tests/src/test/python").resolve(script).toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new DockerCli.Result(p.waitFor(), out, "");
    }
}
