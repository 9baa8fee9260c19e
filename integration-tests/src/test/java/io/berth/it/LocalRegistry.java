package io.berth.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on a free 127.0.0.1 port with a temp config and storage
 * directory, anonymous or with htpasswd Basic auth; {@link #close()} kills it and deletes the directory.
 */
final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");

    final Path dir;
    final int port;
    private final Process process;

    private LocalRegistry(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * @param user null for an anonymous registry, else the one htpasswd user
     * @param password its password
     * @return the started registry (its /v2/ answers)
     */
    static LocalRegistry start(String user, String password) throws IOException, InterruptedException {
        return start("127.0.0.1", user, password);
    }

    /**
     * @param bind the address docker-registry listens on ({@code 0.0.0.0}: every address of the host, so a test can
     *     reach it through a non-loopback address too)
     * @param user null for an anonymous registry, else the one htpasswd user
     * @param password its password
     * @return the started registry (its /v2/ answers on 127.0.0.1)
     */
    static LocalRegistry start(String bind, String user, String password) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("berth-registry-");
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(bind, 0));
            port = s.getLocalPort();
        }
        StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n"
                + "  addr: " + bind + ":" + port + "\n");
        if (user != null) {
            Process h = new ProcessBuilder(HTPASSWD.toString(), "-Bbn", user, password)
                    .redirectOutput(dir.resolve("htpasswd").toFile()).start();
            if (!h.waitFor(60, TimeUnit.SECONDS) || h.exitValue() != 0) {
                throw new IOException("htpasswd failed");
            }
            config.append("auth:\n  htpasswd:\n    realm: berth-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
        }
        Files.writeString(dir.resolve("config.yml"), config);
        Process p = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry r = new LocalRegistry(dir, port, p);
        r.awaitReady();
        return r;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                int s = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (s == 200 || s == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(100);
        }
        throw new IOException("docker-registry did not answer on port " + port);
    }

    /** @return the registry's port */
    int port() {
        return port;
    }

    /** @return {@code 127.0.0.1:<port>} */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    String url() {
        return "http://" + host();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
