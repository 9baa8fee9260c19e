package io.berth.gateway.testing;

import io.berth.common.testing.TestEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real docker CLI ({@code /usr/local/bin/docker}) against a gateway socket, with a private
 * DOCKER_CONFIG in the test's directory so the user's ~/.docker is never read. One run at a time per
 * instance (output goes through files in the work directory).
 */
public final class DockerCli {
    /** Where the reference client lives on this kind of machine. */
    public static final Path DOCKER = Path.of("/usr/local/bin/docker");

    /** The outcome of one CLI run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path socket;
    private final Path workDir;

    /**
     * @param socket the gateway's unix socket
     * @param workDir a directory for the CLI's config and output files
     */
    public DockerCli(Path socket, Path workDir) {
        this.socket = socket;
        this.workDir = workDir;
    }

    /**
     * Requires the reference CLI at {@link #DOCKER}: fails the test under CI ({@code CI=true}) if it is
     * absent, skips it with the reason elsewhere ({@link TestEnvironment#requireExecutable}).
     */
    public static void requireInstalled() {
        TestEnvironment.current().requireExecutable(DOCKER, "the docker CLI");
    }

    /**
     * Runs {@code docker args...} to completion (at most 60 s).
     *
     * @param stdin text for the CLI's stdin, or null for /dev/null
     * @param args the CLI's arguments
     * @return exit code and output
     * @throws AssertionError if the CLI hangs
     */
    public Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DOCKER.toString()));
        cmd.addAll(List.of(args));
        Path in = workDir.resolve("in");
        Files.writeString(in, stdin == null ? "" : stdin);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(in.toFile()))
                .redirectOutput(workDir.resolve("out").toFile())
                .redirectError(workDir.resolve("err").toFile());
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        pb.environment().put("DOCKER_CONFIG", workDir.resolve("config").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " hung");
        }
        return new Result(p.exitValue(), Files.readString(workDir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("err"), StandardCharsets.UTF_8));
    }
}
