package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service across hosts (issue 13, "Between the services"): a storage-service started by the test on TCP with
 * mutual TLS ({@code -Dberth.grpc.listen}, {@code -Dberth.service.tls*}, allowed peer "good"), a berthd told
 * to use it ({@code --storage-addr tcp://127.0.0.1:PORT --service-tls*}) instead of starting its own, and a
 * container run through it with the real docker CLI; clients without a certificate, with one of another CA,
 * or with a good CA's certificate under a name not allowed are refused.
 */
class ServiceTcpIT {
    private static BerthdProcess daemon;
    private static Process storage;
    private static TestCertificates certs;
    private static int port;
    private static Path base;

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("runc, conmon, overlayfs");
        env.requireExecutable(DockerCli.DOCKER, "the reference docker CLI");
        env.requireExecutable(Path.of("/usr/bin/openssl"), "openssl");
        daemon = new BerthdProcess("overlay2");
        base = daemon.base;
        certs = TestCertificates.make(Files.createDirectories(base.resolve("certs")));
        certs.extraClient("intruder");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path lib = BerthdProcess.repoRoot().resolve("berthd/target/lib");
        Path log = base.resolve("remote-storage.log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xshare:auto", "-cp", lib + "/*",
                "-Dberth.grpc.listen=tcp://127.0.0.1:" + port,
                "-Dberth.service.tlscacert=" + certs.dir.resolve("ca.pem"),
                "-Dberth.service.tlscert=" + certs.dir.resolve("server-cert.pem"),
                "-Dberth.service.tlskey=" + certs.dir.resolve("server-key.pem"),
                "-Dberth.service.tlspeers=good",
                "-Dberth.log.level=DEBUG",
                "io.berth.storage.StorageMain", "--socket", base.resolve("remote/storage.sock").toString(),
                "--data-root", daemon.dataRoot.toString(), "--storage-driver", "overlay2",
                "--events-socket", daemon.execRoot.resolve("monitor.sock").toString()));
        storage = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log).contains("(mutual TLS, peers [good])")) {
            assertTrue(storage.isAlive(), "storage-service exited:\n" + Files.readString(log));
            assertTrue(System.nanoTime() < until, "storage-service not serving on TCP:\n" + Files.readString(log));
            Thread.sleep(200);
        }
        Path good = certs.client("good");
        daemon.extraArgs("--storage-addr", "tcp://127.0.0.1:" + port,
                "--service-tlscacert", good.resolve("ca.pem").toString(),
                "--service-tlscert", good.resolve("cert.pem").toString(),
                "--service-tlskey", good.resolve("key.pem").toString());
        daemon.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (daemon != null) {
                daemon.stop();
            }
        } finally {
            if (storage != null) {
                storage.destroy();
                if (!storage.waitFor(30, TimeUnit.SECONDS)) {
                    storage.destroyForcibly().waitFor();
                }
            }
            if (daemon != null) {
                Path report = Path.of("target", "failsafe-reports", "ServiceTcpIT-berthd.log");
                Files.createDirectories(report.getParent());
                String remote = Files.exists(base.resolve("remote-storage.log"))
                        ? Files.readString(base.resolve("remote-storage.log")) : "";
                Files.writeString(report, daemon.logs() + "\n== remote storage-service\n" + remote,
                        StandardCharsets.UTF_8);
                daemon.forceCleanup();
            }
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** Runs the gRPC health probe with the client certificate of {@code client} (null: none). */
    private static String probe(String client) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp",
                BerthdProcess.repoRoot().resolve("berthd/target/lib") + "/*",
                Path.of("src/test/resources/grpc/HealthProbe.java").toAbsolutePath().toString(),
                "127.0.0.1", Integer.toString(port), certs.dir.resolve("ca.pem").toString()));
        if (client != null) {
            cmd.add(certs.client(client).resolve("cert.pem").toString());
            cmd.add(certs.client(client).resolve("key.pem").toString());
        }
        Path out = base.resolve("probe-" + client + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        p.destroyForcibly().waitFor();
        String text = Files.readString(out);
        assertTrue(exited, "probe did not finish: " + text);
        return text;
    }

    @Test
    void aContainerRuns_withStorageServiceOnTcpWithMutualTls() throws Exception {
        DockerCli docker = new DockerCli(daemon.socket, daemon.dockerConfig);
        docker.ok("load", "-q", "-i", WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE)
                .toString());
        assertTrue(docker.ok("images", "--format", "{{.Repository}}:{{.Tag}}").contains(WalkingSkeletonContract.BUSYBOX));
        assertEquals("through tcp\n", docker.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "echo", "through",
                "tcp"));
        assertTrue(Files.readString(base.resolve("remote-storage.log")).contains("Snapshots/Prepare -> OK"),
                "the remote storage-service prepared the container's snapshot");
        assertTrue(Files.notExists(daemon.execRoot.resolve("storage.sock")), "berthd started no storage-service");
    }

    @Test
    void theAllowedPeersCertificate_isServed() throws Exception {
        assertEquals("OK", probe("good").trim());
    }

    @Test
    void noCertificate_anotherCa_orANameNotAllowed_areRefused() throws Exception {
        String none = probe(null);
        assertTrue(none.startsWith("UNAVAILABLE"), none);
        String otherCa = probe("other-ca");
        assertTrue(otherCa.startsWith("UNAVAILABLE"), otherCa);
        String intruder = probe("intruder");
        assertTrue(intruder.startsWith("PERMISSION_DENIED: permission denied: peer [intruder]"), intruder);
    }
}
