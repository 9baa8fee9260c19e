package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.testing.TestEnvironment;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code -H fd://} (systemd socket activation) with the real docker CLI: the test makes a listening unix socket and a
 * listening TCP socket itself (as systemd would), hands them to bin/berthd as descriptors 3 and 4 with
 * {@code LISTEN_FDS}/{@code LISTEN_PID} ({@code src/test/python/socket_activation.py}), and the CLI runs a container
 * through each (a streamed load, hijacked {@code run -i}, {@code logs -f}); berthd binds no socket of its own for them.
 * Without passed sockets, or naming one not passed, {@code fd://} is refused at start with dockerd's text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketActivationIT {
    private Path busybox;

    @BeforeAll
    void environment() {
        TestEnvironment env = TestEnvironment.current();
        env.requireRoot("runc, conmon, overlayfs, cgroups");
        env.requireExecutable(DockerCli.DOCKER, "the reference docker CLI");
        env.requireExecutable(Path.of("/usr/bin/python3"), "python3 (the socket-activation launcher)");
        busybox = WalkingSkeletonContract.fixture(WalkingSkeletonContract.BUSYBOX_ARCHIVE);
        env.require(Files.exists(busybox), "fixture " + busybox);
    }

    @Test
    void fdAll_servesThePassedUnixAndTcpSockets() throws Exception {
        int port = freePort();
        BerthdProcess d = new BerthdProcess("overlay2");
        Path sock = d.base.resolve("activated.sock");
        d.hosts("fd://").launchedBy("python3", launcher().toString(), sock.toString(), Integer.toString(port));
        try {
            d.start();
            DockerCli unix = new DockerCli(sock, d.dockerConfig);
            DockerCli tcp = new DockerCli("tcp://127.0.0.1:" + port, d.dockerConfig, java.util.Map.of());
            // A streamed upload (the load's body is the archive, chunked), then plain, hijacked and streamed calls
            // through each passed socket.
            unix.ok("load", "-q", "-i", busybox.toString());
            assertEquals("via-unix", unix.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "echo", "via-unix").trim());
            assertEquals("via-tcp", tcp.ok("run", "--rm", WalkingSkeletonContract.BUSYBOX, "echo", "via-tcp").trim());
            assertEquals("hi", tcp.runWithInput("hi\n", "run", "--rm", "-i", WalkingSkeletonContract.BUSYBOX, "cat")
                    .stdout().trim());
            assertEquals("ho", unix.runWithInput("ho\n", "run", "--rm", "-i", WalkingSkeletonContract.BUSYBOX, "cat")
                    .stdout().trim());
            String id = tcp.ok("run", "-d", WalkingSkeletonContract.BUSYBOX, "sh", "-c", "echo one; sleep 1; echo two")
                    .trim();
            assertEquals("0", unix.ok("wait", id).trim());
            assertEquals("one\ntwo", tcp.ok("logs", "-f", id).trim());
            unix.ok("rm", id);
            String log = Files.readString(d.log, StandardCharsets.UTF_8);
            assertTrue(log.contains("Docker Engine API listening on fd://3 (socket activation: unix"), d.logs());
            assertTrue(log.contains("Docker Engine API listening on fd://4 (socket activation: tcp"), d.logs());
            assertFalse(Files.exists(d.socket), "no socket of berthd's own");
        } finally {
            d.stopAndAssertClean();
        }
    }

    @Test
    void fdN_thatWasNotPassed_isRefusedWithDockerdsText() throws Exception {
        try (BerthdProcess d = new BerthdProcess("overlay2")) {
            Path sock = d.base.resolve("activated.sock");
            d.hosts("fd://7").launchedBy("python3", launcher().toString(), sock.toString(),
                    Integer.toString(freePort()));
            assertTrue(d.startExpectingExit() != 0);
            String out = Files.readString(d.log, StandardCharsets.UTF_8);
            assertTrue(out.contains("too few socket activated files passed in by systemd for fd://7"), out);
            assertFalse(Files.exists(d.dataRoot), "a refused start makes no data root");
        }
    }

    @Test
    void fd_withoutPassedSockets_isRefusedWithDockerdsText() throws Exception {
        try (BerthdProcess d = new BerthdProcess("overlay2")) {
            d.hosts("fd://");
            assertTrue(d.startExpectingExit() != 0);
            String out = Files.readString(d.log, StandardCharsets.UTF_8);
            assertTrue(out.contains("no sockets found via socket activation: make sure the service was started by "
                    + "systemd"), out);
            assertFalse(Files.exists(d.dataRoot), "a refused start makes no data root");
        }
    }

    private static Path launcher() {
        return BerthdProcess.repoRoot().resolve("integration-tests/src/test/python/socket_activation.py");
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
