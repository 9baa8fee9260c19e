package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker-compose 1.29 (Debian's {@code docker-compose}, Python, docker-py underneath) against a real
 * {@code bin/berthd}: a project of two services, a busybox {@code httpd} published on 127.0.0.1 with a named volume
 * and a client that reaches it by service name over the project's network ({@code <project>_default}, made by
 * compose as a user network, so the embedded DNS answers the name). {@code up -d}, {@code ps}, {@code logs},
 * {@code exec -T}, curl from the host, then {@code down -v} leaves no container, network or volume of the project.
 * The image is the fixture busybox, already loaded, so compose never pulls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeIT {
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2().requireExecutable(COMPOSE)
            .requireExecutable(Path.of("/usr/bin/curl"));

    BerthdProcess daemon;
    DockerCli docker;
    String project;
    Path dir;

    @BeforeAll
    void bindDaemon() {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
    }

    @BeforeEach
    void project() throws IOException {
        project = "netc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        dir = Files.createTempDirectory("compose-" + project);
    }

    @AfterEach
    void down() throws Exception {
        compose("down", "-v", "-t", "1");
        for (Path p : List.of(dir.resolve("docker-compose.yml"), dir)) {
            Files.deleteIfExists(p);
        }
    }

    /** Runs {@code docker-compose -p <project> args...} in the project's directory (at most 120 s). */
    private DockerCli.Result compose(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(COMPOSE.toString(), "--no-ansi", "-p", project));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_") || k.startsWith("COMPOSE_"));
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket);
        pb.environment().put("DOCKER_CONFIG", daemon.dockerConfig.toString());
        Path out = Files.createTempFile("compose-out", ".txt");
        Path err = Files.createTempFile("compose-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("docker-compose " + args[0] + " did not finish in 120 s");
            }
            return new DockerCli.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private DockerCli.Result composeOk(String... args) throws Exception {
        DockerCli.Result r = compose(args);
        assertEquals(0, r.exitCode(), "docker-compose " + String.join(" ", args) + ": " + r);
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return curl's output for the URL once it answers (httpd needs a moment to start) */
    private static String curl(String url) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 40; attempt++) {
            Process p = new ProcessBuilder("curl", "-sS", "--max-time", "5", url).redirectErrorStream(true).start();
            last = new String(p.getInputStream().readAllBytes());
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " never answered; last: " + last);
    }

    @Test
    void twoServices_namedVolume_publishedPort_upPsLogsExecDown() throws Exception {
        int port = freePort();
        Files.writeString(dir.resolve("docker-compose.yml"), String.join("\n",
                "version: \"2.4\"",
                "services:",
                "  web:",
                "    image: " + WalkingSkeletonContract.BUSYBOX,
                "    command: [\"sh\", \"-c\", \"echo web starting; echo hello compose > /www/index.html;"
                        + " exec httpd -f -p 80 -h /www\"]",
                "    ports: [\"127.0.0.1:" + port + ":80\"]",
                "    volumes: [\"site:/www\"]",
                "  client:",
                "    image: " + WalkingSkeletonContract.BUSYBOX,
                "    command: [\"sleep\", \"600\"]",
                "    depends_on: [web]",
                "volumes:",
                "  site: {}",
                ""));

        composeOk("up", "-d");

        String ps = composeOk("ps").stdout();
        assertTrue(ps.contains(project + "_web_1") && ps.contains(project + "_client_1"), ps);
        assertTrue(ps.contains("127.0.0.1:" + port + "->80/tcp"), ps);
        assertEquals("hello compose\n", curl("http://127.0.0.1:" + port + "/"));
        DockerCli.Result byName = composeOk("exec", "-T", "client", "wget", "-qO-", "http://web/");
        assertEquals("hello compose\n", byName.stdout(), "the client reaches web by its service name");
        assertTrue(composeOk("logs", "--no-color", "web").stdout().contains("web starting"), "logs of web");
        assertEquals(project + "_default\n", docker.ok("network", "ls", "--filter", "name=" + project, "--format",
                "{{.Name}}"));
        assertEquals(project + "_site\n", docker.ok("volume", "ls", "-q", "--filter", "name=" + project));

        composeOk("down", "-v", "-t", "1");

        assertEquals("", docker.ok("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project));
        assertEquals("", docker.ok("network", "ls", "-q", "--filter", "name=" + project));
        assertEquals("", docker.ok("volume", "ls", "-q", "--filter", "name=" + project));
    }
}
