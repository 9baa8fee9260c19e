package io.berth.it.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers 2.0.5 JUnit 5 test as a user writes one, run against berth by {@code FixtureTestcontainersIT} in a
 * JVM of its own (DOCKER_HOST = berth's socket, Ryuk disabled: it needs an image from a registry). Not run by
 * surefire or failsafe directly (its name ends in neither Test nor IT): without berth's socket in DOCKER_HOST it
 * would look for dockerd.
 *
 * <p>A GenericContainer of the busybox fixture serving HTTP on its exposed port 80 with an HTTP wait strategy
 * (published on an ephemeral host port, reached on {@code getHost():getMappedPort(80)}), execInContainer, copy to
 * and from the container, and its logs.
 */
@Testcontainers
class FixtureContainerCase {
    @Container
    static final GenericContainer<?> WEB = new GenericContainer<>(DockerImageName.parse("fixture/busybox:1"))
            .withExposedPorts(80)
            .withCommand("sh", "-c", "mkdir -p /www && echo hello from testcontainers > /www/index.html"
                    + " && echo serving && exec httpd -f -p 80 -h /www")
            .waitingFor(Wait.forHttp("/").forPort(80).forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)));

    @Test
    void mappedPort_servesHttp() throws Exception {
        String url = "http://" + WEB.getHost() + ":" + WEB.getMappedPort(80) + "/";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, r.statusCode());
        assertEquals("hello from testcontainers\n", r.body());
    }

    @Test
    void execInContainer_stdoutAndExitCode() throws Exception {
        ExecResult r = WEB.execInContainer("sh", "-c", "cat /www/index.html; echo err >&2; exit 3");

        assertEquals(3, r.getExitCode());
        assertEquals("hello from testcontainers\n", r.getStdout());
        assertEquals("err\n", r.getStderr());
    }

    @Test
    void copyToAndFrom() throws Exception {
        WEB.copyFileToContainer(Transferable.of("copied in\n"), "/tmp/in.txt");

        assertEquals("copied in\n", WEB.execInContainer("cat", "/tmp/in.txt").getStdout());
        String back = WEB.copyFileFromContainer("/tmp/in.txt",
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("copied in\n", back);
    }

    @Test
    void logs_containerOutput() {
        assertTrue(WEB.getLogs().contains("serving"), WEB.getLogs());
    }
}
