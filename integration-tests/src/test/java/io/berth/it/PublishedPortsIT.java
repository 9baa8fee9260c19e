package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Published ports end to end with the real docker CLI and curl (issue 8, "Published ports"): a busybox
 * {@code httpd} published with {@code -p} answers on 127.0.0.1 and on the host's own address; {@code -P} publishes
 * an image's EXPOSE on an ephemeral port of the kernel's range; {@code docker port}, {@code docker ps} and
 * inspect show dockerd's shapes; a host port in use fails the start with dockerd's text and leaves no endpoint
 * record, IPAM lease or held port; after the container stops its port is free for anyone. Host ports are chosen
 * free by the test just before use (other daemons run beside this one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedPortsIT {
    /** A busybox command serving "hello from <name>" on port 80 of the container. */
    private static final String HTTPD = "mkdir -p /www && echo hello from $HOSTNAME > /www/index.html"
            + " && exec httpd -f -p 80 -h /www";

    DockerCli docker;
    BerthdProcess daemon;
    String prefix;
    final List<String> containers = new ArrayList<>();
    final List<String> images = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2().requireExecutable(Path.of("/usr/bin/curl"));

    @BeforeAll
    void bindDaemon() {
        docker = BERTHD.docker();
        daemon = BERTHD.daemon();
    }

    @BeforeEach
    void names() {
        prefix = "pp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeAll() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
        containers.clear();
        for (String i : images) {
            docker.run("rmi", "-f", i);
        }
        images.clear();
    }

    private String container(String suffix) {
        String n = prefix + "-" + suffix;
        containers.add(n);
        return n;
    }

    /** @return the name of a new running busybox httpd container published with {@code -p <port>:80} */
    private String httpd(String suffix, int port) throws Exception {
        return httpd(suffix, port + ":80");
    }

    /** @return the name of a new running busybox httpd container published with {@code -p <publish>} */
    private String httpd(String suffix, String publish) throws Exception {
        String c = container(suffix);
        docker.ok("run", "-d", "--name", c, "--hostname", c, "-p", publish, WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", HTTPD);
        return c;
    }

    /** @return a TCP port that was free on every address a moment ago */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the host's own non-loopback IPv4 address (the source of its default route) */
    private static String hostAddress() throws Exception {
        Process p = new ProcessBuilder("ip", "-4", "route", "get", "1.1.1.1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        String[] words = out.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("src")) {
                return words[i + 1];
            }
        }
        throw new AssertionError("no source address in: " + out);
    }

    /** @return curl's output for http://host:port/ once it answers (the server needs a moment to start) */
    private static String curl(String host, int port) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 60; attempt++) {
            Process p = new ProcessBuilder("curl", "-sS", "--max-time", "5", "http://" + host + ":" + port + "/")
                    .redirectErrorStream(true).start();
            last = new String(p.getInputStream().readAllBytes());
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("curl http://" + host + ":" + port + "/ never answered: " + last);
    }

    @Test
    void runPublished_curlOnLoopbackAndHostAddress() throws Exception {
        int port = freePort();
        String c = httpd("curl", port);

        assertEquals("hello from " + c + "\n", curl("127.0.0.1", port));
        assertEquals("hello from " + c + "\n", curl(hostAddress(), port));
    }

    @Test
    void runPublishedOnLoopbackOnly_notOnTheHostAddress() throws Exception {
        int port = freePort();
        String c = httpd("lo", "127.0.0.1:" + port + ":80");

        assertEquals("hello from " + c + "\n", curl("127.0.0.1", port));
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "5", "http://" + hostAddress() + ":" + port + "/")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, "published on 127.0.0.1 only, yet the host address answered: " + out);
        assertEquals("127.0.0.1:" + port + "\n", docker.ok("port", c, "80"));
    }

    @Test
    void runPublished_portPsInspect_portFreeAfterStop() throws Exception {
        int port = freePort();
        String c = httpd("web", port);

        assertFalse(bindable(port), "berth holds the host port while the container runs");

        assertEquals("80/tcp -> 0.0.0.0:" + port + "\n", docker.ok("port", c));
        assertEquals("0.0.0.0:" + port + "\n", docker.ok("port", c, "80"));
        assertEquals("0.0.0.0:" + port + "->80/tcp\n", docker.ok("ps", "--filter", "name=" + c, "--format",
                "{{.Ports}}"));
        assertEquals(c + "\n", docker.ok("ps", "--filter", "name=" + c, "--filter", "publish=80/tcp", "--format",
                "{{.Names}}"));
        assertEquals("", docker.ok("ps", "--filter", "name=" + c, "--filter", "expose=81", "--format", "{{.Names}}"));
        JsonNode inspect = WalkingSkeletonContract.JSON.readTree(docker.ok("inspect", c)).get(0);
        assertEquals("{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"" + port + "\"}]}",
                inspect.at("/NetworkSettings/Ports").toString());
        assertEquals("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"" + port + "\"}]}",
                inspect.at("/HostConfig/PortBindings").toString(), "kept as given");

        docker.ok("stop", "-t", "1", c);
        assertTrue(bindable(port), "the port is free once the container stopped");
        assertEquals("{}", WalkingSkeletonContract.JSON.readTree(docker.ok("inspect", c)).get(0)
                .at("/NetworkSettings/Ports").toString());
    }

    @Test
    void publishAll_imageExpose_ephemeralPortOfTheKernelRange_curl() throws Exception {
        String base = container("base");
        docker.ok("create", "--name", base, WalkingSkeletonContract.BUSYBOX, "true");
        String image = prefix + "-img:1";
        images.add(image);
        docker.ok("commit", "--change", "EXPOSE 80", "--change", "EXPOSE 81/udp", base, image);
        String c = container("all");
        docker.ok("run", "-d", "--name", c, "--hostname", c, "-P", "-p", "127.0.0.1::82", image, "sh", "-c", HTTPD);

        String ports = docker.ok("port", c);
        int web = Integer.parseInt(docker.ok("port", c, "80/tcp").trim().replace("0.0.0.0:", ""));
        // Files.readString of a /proc file returns its first byte only (JDK 17: size 0, one read): read lines
        String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                .split("\\s+");
        assertTrue(web >= Integer.parseInt(range[0]) && web <= Integer.parseInt(range[1]), web + " in " + ports);
        assertTrue(ports.contains("80/tcp -> 0.0.0.0:" + web + "\n"), ports);
        assertTrue(ports.matches("(?s).*81/udp -> 0\\.0\\.0\\.0:\\d+\n.*"), ports);
        assertTrue(ports.matches("(?s).*82/tcp -> 127\\.0\\.0\\.1:\\d+\n.*"), ports);
        assertEquals("hello from " + c + "\n", curl("127.0.0.1", web));
    }

    @Test
    void portInUse_startFailsWithDockerdText_nothingHalfDone() throws Exception {
        String first = container("first");
        int port = freePort();
        docker.ok("run", "-d", "--name", first, "-p", port + ":80", WalkingSkeletonContract.BUSYBOX, "sleep", "60");
        String second = container("second");

        DockerCli.Result r = docker.run("run", "-d", "--name", second, "-p", port + ":80",
                WalkingSkeletonContract.BUSYBOX, "sleep", "60");

        assertEquals(125, r.exitCode(), r.toString());
        String id = docker.ok("inspect", "-f", "{{.Id}}", second).trim();
        assertTrue(r.stderr().contains("Error response from daemon: driver failed programming external connectivity"
                + " on endpoint " + second + " ("), r.stderr());
        assertTrue(r.stderr().contains("Bind for 0.0.0.0:" + port + " failed: port is already allocated"),
                r.stderr());
        assertEquals("created 128 {}\n", docker.ok("inspect", "-f",
                "{{.State.Status}} {{.State.ExitCode}} {{json .NetworkSettings.Ports}}", second));
        assertNothingOf(id);

        try (ServerSocket taken = new ServerSocket()) {
            int other = freePort();
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), other));
            String third = container("third");
            r = docker.run("run", "-d", "--name", third, "-p", other + ":80", WalkingSkeletonContract.BUSYBOX,
                    "sleep", "60");
            assertEquals(125, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("Error starting userland proxy: listen tcp4 0.0.0.0:" + other
                    + ": bind: address already in use"), r.stderr());
            assertNothingOf(docker.ok("inspect", "-f", "{{.Id}}", third).trim());
        }
    }

    @Test
    void restartPolicy_eachRunHoldsThePortAgain() throws Exception {
        String c = container("rs");
        int port = freePort();
        docker.ok("run", "-d", "--name", c, "--restart", "always", "-p", port + ":80", WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "test -f /ran && exec sleep 60; touch /ran; exit 1"); // the second run stays
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state = "";
        while (!state.matches("running [1-9]\\d*\n")) {
            assertTrue(System.nanoTime() < deadline, "never restarted: " + state);
            Thread.sleep(100);
            state = docker.ok("inspect", "-f", "{{.State.Status}} {{.RestartCount}}", c);
        }

        assertEquals("0.0.0.0:" + port + "\n", docker.ok("port", c, "80"));
        assertFalse(bindable(port), "the restarted run holds the port");
        docker.ok("rm", "-f", c);
        assertTrue(bindable(port));
    }

    @Test
    void engineKilled_portsHeldAgainByTheNextEngine() throws Exception {
        int port = freePort();
        String c = httpd("dur", port);
        long engine = daemon.servicePid("io.berth.engine.EngineMain");

        new ProcessBuilder("kill", "-9", Long.toString(engine)).start().waitFor(10, TimeUnit.SECONDS);
        ProcessHandle.of(engine).ifPresent(h -> h.onExit().join());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!docker.run("port", c, "80").stdout().equals("0.0.0.0:" + port + "\n")) {
            assertTrue(System.nanoTime() < deadline, "the restarted engine never showed the port");
            Thread.sleep(300);
        }

        assertFalse(bindable(port), "the new engine holds the port again (from the endpoint record)");
        assertEquals("hello from " + c + "\n", curl("127.0.0.1", port), "the DNAT rules stayed");
        docker.ok("rm", "-f", c);
        assertTrue(bindable(port), "released when the container goes");
    }

    @Test
    void dockerPy_portTestAndContainerPorts() throws Exception {
        assertEquals("ok\n", DockerPy.run("ports_dockerpy.py", daemon.socket, prefix));
    }

    /**
     * No network namespace file (so no veth: its container end would live in it), no endpoint record, no IPAM
     * lease naming the container.
     */
    private void assertNothingOf(String id) throws IOException {
        assertFalse(Files.exists(daemon.execRoot.resolve("netns").resolve(id)), "network namespace of " + id);
        Path network = daemon.dataRoot.resolve("network");
        assertFalse(Files.exists(network.resolve("endpoints").resolve(id + ".json")), "endpoint record of " + id);
        Path ipam = network.resolve("ipam");
        if (Files.isDirectory(ipam)) {
            try (Stream<Path> s = Files.walk(ipam)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(id), "IPAM lease " + f + " names " + id);
                }
            }
        }
    }
}
