package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How berthd is reached (issue "daemon access and security"), with the real docker CLI and docker-py: a unix
 * socket and a TCP address served at once (every endpoint, hijacked streams included) with dockerd's warnings;
 * the unix socket's mode 0660 and group ({@code --group}) while the services' sockets and the gateway's own are
 * root's alone (user nobody is refused); TCP only (no unix socket at all); {@code --tlsverify} with certificates made as Docker's guide makes them (a
 * good client works; one of another CA, an expired one, one without clientAuth usage and one without a
 * certificate are refused at the handshake; plain HTTP to the TLS port gets Go's answer; the unix socket needs
 * no certificate); {@code --tls} alone. Each test runs its own berthd and checks that it leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonAccessIT {
    private Path busybox;

    @TempDir
    Path tmp;

    @BeforeAll
    void environment() {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("runc, conmon, overlayfs, cgroups");
        env.requireExecutable(DockerCli.DOCKER, "the reference docker CLI");
        env.requireExecutable(Path.of("/usr/bin/openssl"), "openssl (test certificates)");
        env.requireExecutable(Path.of("/usr/bin/curl"), "curl (TLS client without a certificate)");
        busybox = WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE);
        env.require(Files.exists(busybox), "fixture " + busybox);
    }

    interface DaemonBody {
        void run(BerthdProcess d) throws Exception;
    }

    /** Starts a berthd configured by {@code setUp}, runs {@code body}, stops it and checks for leftovers. */
    private void withDaemon(java.util.function.Consumer<BerthdProcess> setUp, DaemonBody body) throws Exception {
        BerthdProcess d = new BerthdProcess("overlay2");
        setUp.accept(d);
        try {
            d.start();
            body.run(d);
        } finally {
            int exit = d.stop();
            List<String> mounts = d.leftoverMounts();
            List<ProcessHandle> procs = d.leftoverProcesses();
            String logs = d.logs();
            d.forceCleanup();
            assertEquals(0, exit, "berthd must exit 0 on SIGTERM:\n" + logs);
            assertEquals(List.of(), mounts, "mounts left behind");
            assertEquals(List.of(), procs, "processes left behind");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void unixAndTcp_bothServeEveryEndpoint_andDockerInfoWarns() throws Exception {
        int port = freePort();
        withDaemon(d -> d.hosts("unix://" + d.socket, "tcp://127.0.0.1:" + port).extraArgs("--group", "nogroup"), d -> {
            DockerCli unix = new DockerCli(d.socket, d.dockerConfig);
            DockerCli tcp = new DockerCli("tcp://127.0.0.1:" + port, d.dockerConfig, Map.of());
            unix.ok("load", "-q", "-i", busybox.toString());
            assertEquals("hi\n", tcp.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "echo", "hi"));
            DockerCli.Result piped = tcp.runWithInput("piped\n", "run", "-i", "--rm", WalkingSkeletonContract.BUSYBOX,
                    "cat");
            assertEquals("piped\n", piped.stdout(), piped.toString());
            tcp.ok("run", "-d", "--name", "access-exec", WalkingSkeletonContract.BUSYBOX, "sleep", "100");
            try {
                DockerCli.Result exec = tcp.runWithInput("in\n", "exec", "-i", "access-exec", "cat");
                assertEquals("in\n", exec.stdout(), exec.toString());
            } finally {
                tcp.run("rm", "-f", "access-exec");
            }
            String warnings = tcp.ok("info", "--format", "{{json .Warnings}}");
            assertTrue(warnings.contains("WARNING: API is accessible on http://127.0.0.1:" + port
                    + " without encryption."), warnings);
            assertTrue(d.logs().contains("Binding to IP address without --tlsverify is insecure"), d.logs());
            // the test's base directory is 0700; open it as /var/run is, so only the sockets' own modes decide
            Files.setPosixFilePermissions(d.base, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
            for (Path sock : List.of(d.execRoot.resolve("engine.sock"), d.execRoot.resolve("storage.sock"),
                    d.execRoot.resolve("monitor.sock"), d.gatewaySocket())) {
                assertEquals("", asNobody("curl", "-s", "--max-time", "5", "--unix-socket", sock.toString(),
                        "http://d/_ping"), "user nobody must not be able to call " + sock);
            }
            // the -H socket is mode 0660, group --group: nobody (gid nogroup) may use the API, as a docker group member
            assertEquals("OK", asNobody("curl", "-s", "--max-time", "5", "--unix-socket", d.socket.toString(),
                    "http://d/_ping"));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(d.execRoot.resolve("engine.sock"))));
        });
    }

    @Test
    void tcpOnly_servesNoUnixSocket() throws Exception {
        int port = freePort();
        withDaemon(d -> d.hosts("tcp://127.0.0.1:" + port), d -> {
            assertFalse(Files.exists(d.socket), "a TCP-only berthd must not create " + d.socket);
            DockerCli tcp = new DockerCli("tcp://127.0.0.1:" + port, d.dockerConfig, Map.of());
            tcp.ok("load", "-q", "-i", busybox.toString());
            assertEquals("tcp\n", tcp.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "echo", "tcp"));
        });
    }

    @Test
    void tlsverify_goodClientWorks_badClientsAreRefusedAtTheHandshake() throws Exception {
        TestCertificates certs = TestCertificates.make(Files.createDirectories(tmp.resolve("certs")));
        int port = freePort();
        String url = "tcp://127.0.0.1:" + port;
        withDaemon(d -> d.hosts("unix://" + d.socket, url).extraArgs("--tlsverify",
                "--tlscacert", certs.dir.resolve("ca.pem").toString(),
                "--tlscert", certs.dir.resolve("server-cert.pem").toString(),
                "--tlskey", certs.dir.resolve("server-key.pem").toString()), d -> {
            DockerCli unix = new DockerCli(d.socket, d.dockerConfig);
            unix.ok("load", "-q", "-i", busybox.toString());
            DockerCli good = tlsClient(url, d, certs.client("good"));
            assertEquals("secure\n", good.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "echo", "secure"));
            DockerCli.Result piped = good.runWithInput("through tls\n", "run", "-i", "--rm",
                    WalkingSkeletonContract.BUSYBOX, "cat");
            assertEquals("through tls\n", piped.stdout(), piped.toString());
            String warnings = good.ok("info", "--format", "{{json .Warnings}}");
            assertFalse(warnings.contains("API is accessible"), warnings);

            for (String bad : List.of("other-ca", "expired", "server-usage")) {
                DockerCli.Result r = tlsClient(url, d, certs.client(bad)).run("version", "--format",
                        "{{.Server.Version}}");
                assertNotEquals(0, r.exitCode(), bad + " must be refused: " + r);
            }
            Process noCert = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--cacert",
                    certs.dir.resolve("ca.pem").toString(), "https://127.0.0.1:" + port + "/_ping")
                    .redirectErrorStream(true).start();
            String noCertOut = new String(noCert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, noCert.waitFor(), "a client without a certificate must be refused: " + noCertOut);
            assertFalse(noCertOut.contains("OK"), noCertOut);

            String plain = rawExchange(port, "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(plain.startsWith("HTTP/1.0 400 Bad Request")
                    && plain.contains("Client sent an HTTP request to an HTTPS server."), plain);

            Path script = BerthdProcess.repoRoot().resolve("integration-tests/src/test/python/tls_docker_py.py");
            // Debian's python3-docker (5.0.3), the client the project tests against, not another python on PATH
            ProcessBuilder pyb = new ProcessBuilder("/usr/bin/python3", script.toString(), url,
                    certs.client("good").toString(), WalkingSkeletonContract.BUSYBOX).redirectErrorStream(true);
            // requests prefers REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE over the session's CA (docker-py's ca_cert)
            pyb.environment().keySet().removeIf(k -> k.endsWith("CA_BUNDLE"));
            Process py = pyb.start();
            String pyOut = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, py.waitFor(), pyOut);
            assertTrue(pyOut.contains("ping True") && pyOut.contains("over tls"), pyOut);
        });
    }

    @Test
    void tlsWithoutVerify_servesClientsWithoutCertificates_andDockerInfoWarns() throws Exception {
        TestCertificates certs = TestCertificates.make(Files.createDirectories(tmp.resolve("certs-tls")));
        int port = freePort();
        withDaemon(d -> d.hosts("tcp://127.0.0.1:" + port).extraArgs("--tls",
                "--tlscert", certs.dir.resolve("server-cert.pem").toString(),
                "--tlskey", certs.dir.resolve("server-key.pem").toString()), d -> {
            // the CLI's --tls wants a ca.pem in DOCKER_CERT_PATH; without --tlsverify it does not check the server
            Path caOnly = Files.createDirectories(tmp.resolve("ca-only"));
            Files.copy(certs.dir.resolve("other-ca.pem"), caOnly.resolve("ca.pem"));
            DockerCli tls = new DockerCli("tcp://127.0.0.1:" + port, d.dockerConfig,
                    Map.of("DOCKER_CERT_PATH", caOnly.toString()));
            String warnings = tls.ok("--tls", "info", "--format", "{{json .Warnings}}");
            assertTrue(warnings.contains("WARNING: API is accessible on https://127.0.0.1:" + port
                    + " without TLS client verification."), warnings);
        });
    }

    /** @return the output of the command run as user nobody, or "" when it fails (exit status not 0) */
    private static String asNobody(String... cmd) throws IOException, InterruptedException {
        List<String> full = new java.util.ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups"));
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : "";
    }

    private static DockerCli tlsClient(String url, BerthdProcess d, Path certDir) {
        return new DockerCli(url, d.dockerConfig, Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
                certDir.toString()));
    }

    private static String rawExchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
