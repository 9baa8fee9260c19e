package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VersionCommandTest {
    private static final String VERSION_JSON = "{\"Platform\":{\"Name\":\"berth\"},\"Components\":[{\"Name\":\"Engine\","
            + "\"Version\":\"0.1.0\",\"Details\":{\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\","
            + "\"Arch\":\"amd64\",\"KernelVersion\":\"6.18.0\",\"Experimental\":\"false\"}}],\"Version\":\"0.1.0\","
            + "\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return new CommandLine(new BerthCli(env::get)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    private static String http(int status, String reason, String contentType, String body) {
        return "HTTP/1.1 " + status + " " + reason + "\r\nApi-Version: 1.41\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    @Test
    void version_daemonFromDockerHost_printsClientAndServer() throws Exception {
        Path sock = dir.resolve("d.sock");
        try (FakeDaemon d = new FakeDaemon(sock, http(200, "OK", "application/json", VERSION_JSON))) {
            int code = run(Map.of("DOCKER_HOST", "unix://" + sock), "version");
            assertEquals(0, code, err.toString());
            String o = out.toString();
            assertTrue(o.startsWith("Client:\n Version:"), o);
            assertTrue(o.contains("\nServer: berth\n Engine:\n  Version:          0.1.0\n"), o);
            assertTrue(o.contains("  API version:      1.41 (minimum version 1.12)\n"), o);
            assertTrue(o.contains("  OS/Arch:          linux/amd64\n"), o);
            assertTrue(d.requests.get(0).startsWith("GET /v1.41/version HTTP/1.1\r\n"), d.requests.get(0));
        }
    }

    @Test
    void version_chunkedAnswerWithoutComponents_printsTopLevelEngine() throws Exception {
        Path sock = dir.resolve("d.sock");
        String body = "{\"Version\":\"9.9\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        try (FakeDaemon d = new FakeDaemon(sock, chunked)) {
            assertEquals(0, run(Map.of(), "-H", "unix://" + sock, "version"), err.toString());
            assertTrue(out.toString().contains("Server:\n Engine:\n  Version:          9.9\n"), out.toString());
        }
    }

    @Test
    void version_noDaemon_printsClientThenClearErrorAndExitsOne() {
        Path sock = dir.resolve("absent.sock");
        int code = run(Map.of("DOCKER_HOST", "unix://" + sock), "version");
        assertEquals(1, code);
        assertTrue(out.toString().startsWith("Client:"), out.toString());
        assertEquals("Cannot connect to the berth daemon at unix://" + sock + ". Is berthd running?\n",
                err.toString());
    }

    @Test
    void version_daemonError_printsDaemonMessage() throws Exception {
        Path sock = dir.resolve("d.sock");
        try (FakeDaemon d = new FakeDaemon(sock, http(500, "Internal Server Error", "application/json",
                "{\"message\":\"boom\"}"))) {
            assertEquals(1, run(Map.of("DOCKER_HOST", "unix://" + sock), "version"));
            assertEquals("Error response from daemon: boom\n", err.toString());
        }
    }

    @Test
    void version_badDockerHost_isAClearError() {
        assertEquals(1, run(Map.of("DOCKER_HOST", "ssh://host"), "version"));
        assertTrue(err.toString().contains("invalid DOCKER_HOST ssh://host"), err.toString());
    }
}
