package io.berth.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the real docker CLI ({@code /usr/local/bin/docker}, client 28.x) against a berth socket, with a
 * private DOCKER_CONFIG so the user's ~/.docker is never read or written.
 */
final class DockerCli {
    /** Where the reference client lives on this kind of machine. */
    static final Path DOCKER = Path.of("/usr/local/bin/docker");

    /** The outcome of one CLI run. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final String host;
    private final Path config;
    private final java.util.Map<String, String> env;

    DockerCli(Path socket, Path config) {
        this("unix://" + socket, config, java.util.Map.of());
    }

    /**
     * @param host the {@code DOCKER_HOST} (e.g. {@code tcp://127.0.0.1:23750})
     * @param config the {@code DOCKER_CONFIG} directory
     * @param env more environment (e.g. {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH})
     */
    DockerCli(String host, Path config, java.util.Map<String, String> env) {
        this.host = host;
        this.config = config;
        this.env = java.util.Map.copyOf(env);
    }

    /** Starts {@code docker args...} without waiting (output to the given files). */
    Process start(Path stdout, Path stderr, String... args) throws IOException {
        ProcessBuilder pb = builder(args);
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return pb.start();
    }

    /** Starts {@code docker args...} without waiting; its stdout and stderr together on its input stream. */
    Process startPiped(String... args) throws IOException {
        return builder(args).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    /** Runs {@code docker args...} to completion (at most 120 s) and returns its exit code and output. */
    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    /** Like {@link #run} with {@code input} on the CLI's stdin (null: no stdin). */
    Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("docker-out", ".txt");
        Path err = Files.createTempFile("docker-err", ".txt");
        try {
            ProcessBuilder pb = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (input == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process p = pb.start();
            if (input != null) {
                p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("docker " + String.join(" ", args) + " did not finish in 120 s; output so far:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Runs {@code docker args...} to completion (at most 120 s) with stdin from {@code stdin} and stdout into
     * {@code stdout} (binary: a tar of {@code docker cp}); either may be null (/dev/null, or captured as text).
     */
    Result runFiles(Path stdin, Path stdout, String... args) throws IOException, InterruptedException {
        Path out = stdout != null ? stdout : Files.createTempFile("docker-out", ".txt");
        Path err = Files.createTempFile("docker-err", ".txt");
        try {
            ProcessBuilder pb = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput((stdin != null ? stdin : Path.of("/dev/null")).toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("docker " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), stdout != null ? "" : Files.readString(out), Files.readString(err));
        } finally {
            if (stdout == null) {
                Files.deleteIfExists(out);
            }
            Files.deleteIfExists(err);
        }
    }

    /**
     * {@code docker rm -f} of every name in the list, then empties it (a test's {@code @AfterEach}); nothing to do for
     * an empty list. Failures are left to the class's leftover checks.
     *
     * @param containers the names or IDs a test made
     */
    void removeAll(java.util.List<String> containers) throws IOException, InterruptedException {
        if (!containers.isEmpty()) {
            java.util.List<String> args = new ArrayList<>(java.util.List.of("rm", "-f"));
            args.addAll(containers);
            run(args.toArray(String[]::new));
            containers.clear();
        }
    }

    /** Runs and requires exit 0; returns stdout. */
    String ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " failed: " + r);
        }
        return r.stdout();
    }

    /**
     * Polls {@code docker inspect -f format name} every 100 ms until its trimmed output satisfies {@code ok}.
     *
     * @return the output that satisfied it
     * @throws AssertionError naming the last output when {@code seconds} pass first
     */
    String awaitInspect(String name, String format, Predicate<String> ok, int seconds)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Result r = run("inspect", "-f", format, name);
            last = r.exitCode() == 0 ? r.stdout().trim() : r.toString();
            if (r.exitCode() == 0 && ok.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("docker inspect -f '" + format + "' " + name + " never matched within " + seconds
                + " s; last: " + last);
    }

    private ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(DOCKER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
        pb.environment().put("DOCKER_HOST", host);
        pb.environment().put("DOCKER_CONFIG", config.toString());
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * @return now as {@code <seconds>.<nanoseconds>} for {@code docker events --until}: the CLI turns {@code 0s}
     *     into whole seconds, which cuts off the events of the current second (moby's GetTimestamp; dockerd too)
     */
    static String eventsNow() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
    }
}
