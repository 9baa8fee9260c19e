package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.berth.common.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default bridge network end to end (issue 8), with the real docker CLI, Debian's CNI plugins and busybox: a
 * container gets an address in the bridge's subnet with the bridge as its gateway, reaches the host (ping, and
 * wget of an HTTP server of this test on the gateway address), two containers reach each other by address;
 * inspect's NetworkSettings in dockerd 20.10's shape (raw API JSON) running and stopped; /etc/hosts and
 * /etc/resolv.conf as dockerd writes them; {@code --network none} has only {@code lo}; {@code container:<name>}
 * shares the other's namespace, hostname and addresses, and is refused for a stopped one with dockerd's 409 text;
 * stats' {@code networks} and the metrics view's {@code container_network_*} series show eth0.
 * The daemon runs on its own bridge {@code bt<random>} ({@link BerthdProcess#bridge}); after the class nothing of
 * the networking is left ({@link BerthdExtension}: veths, leases, namespaces, records, iptables rules).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeNetworkIT {
    static final int METRICS_PORT = freePort();
    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2()
            .withArgs("--metrics-addr", "127.0.0.1:" + METRICS_PORT);

    private static final String BUSYBOX = WalkingSkeletonContract.BUSYBOX;
    private final String prefix = "bn" + UUID.randomUUID().toString().substring(0, 6);
    private final List<String> containers = new ArrayList<>();
    private DockerCli docker;
    private BerthdProcess daemon;

    @BeforeAll
    void bind() {
        docker = BERTHD.docker();
        daemon = BERTHD.daemon();
    }

    @AfterEach
    void removeContainers() throws Exception {
        if (!containers.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(containers);
            docker.run(args.toArray(String[]::new));
            containers.clear();
        }
    }

    @AfterAll
    void nothingOfTheNetworkLeftWhileTheDaemonStillRuns() throws Exception {
        assertEquals(List.of(), daemon.leftoverNetworking(), "after every container was removed");
    }

    private String name(String n) {
        String full = prefix + "-" + n;
        containers.add(full);
        return full;
    }

    private JsonNode inspect(String name) throws Exception {
        UnixHttp.Response r = BERTHD.http().send("GET", "/containers/" + name + "/json", null);
        assertEquals(200, r.status(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void defaultBridge_addressGatewayHostAndPeer() throws Exception {
        String a = name("a");
        String b = name("b");
        docker.ok("run", "-d", "--name", a, BUSYBOX, "sleep", "300");
        docker.ok("run", "-d", "--name", b, BUSYBOX, "sleep", "300");
        JsonNode ns = inspect(a).get("NetworkSettings");
        String ip = ns.get("IPAddress").asText();
        String gateway = ns.get("Gateway").asText();
        JsonNode bridgeJson = Json.MAPPER.readTree(daemon.dataRoot.resolve("network/bridge.json").toFile());
        String subnet = bridgeJson.get("Subnet").asText();
        assertEquals(daemon.bridge, bridgeJson.get("BridgeName").asText());
        assertEquals(bridgeJson.get("Gateway").asText(), gateway);
        assertTrue(inSubnet(ip, subnet), ip + " in " + subnet);
        assertNotEquals("172.17.0.0/16", subnet, "never docker0's subnet");
        assertEquals(Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1)), ns.get("IPPrefixLen").asInt());

        // dockerd 20.10's shape, field by field
        assertEquals("", ns.get("Bridge").asText());
        assertEquals(64, ns.get("SandboxID").asText().length());
        assertEquals(daemon.execRoot.resolve("netns").resolve(inspect(a).get("Id").asText()).toString(),
                ns.get("SandboxKey").asText());
        assertFalse(ns.get("HairpinMode").asBoolean());
        assertTrue(ns.get("SecondaryIPAddresses").isNull());
        assertTrue(ns.get("Ports").isObject());
        assertTrue(ns.get("MacAddress").asText().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"), ns.toString());
        JsonNode ep = ns.get("Networks").get("bridge");
        assertEquals(ns.get("EndpointID").asText(), ep.get("EndpointID").asText());
        assertEquals(bridgeJson.get("ID").asText(), ep.get("NetworkID").asText());
        assertEquals(ip, ep.get("IPAddress").asText());
        assertEquals(gateway, ep.get("Gateway").asText());
        assertEquals(ns.get("MacAddress").asText(), ep.get("MacAddress").asText());
        for (String nullField : List.of("IPAMConfig", "Links", "Aliases", "DriverOpts")) {
            assertTrue(ep.get(nullField).isNull(), nullField);
        }
        assertEquals("", ep.get("GlobalIPv6Address").asText());

        String routes = docker.ok("exec", a, "ip", "route");
        assertTrue(routes.contains("default via " + gateway + " dev eth0"), routes);
        docker.ok("exec", a, "ping", "-c", "1", "-W", "5", gateway);
        docker.ok("exec", b, "ping", "-c", "1", "-W", "5", ip);
        HttpServer host = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        host.createContext("/", x -> {
            byte[] body = "hello from the host".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        host.start();
        try {
            // Not -T: Debian's busybox-static 1.35 wget segfaults with a timeout (exit 139).
            assertEquals("hello from the host", docker.ok("exec", a, "wget", "-q", "-O", "-",
                    "http://" + gateway + ":" + host.getAddress().getPort() + "/").trim());
        } finally {
            host.stop(0);
        }

        // docker stats' NET I/O: dockerd's "networks" (eth0, never lo) and cAdvisor's series in /metrics
        UnixHttp.Response stats = BERTHD.http().send("GET", "/containers/" + a + "/stats?stream=0", null);
        JsonNode nets = Json.MAPPER.readTree(stats.body()).get("networks");
        assertEquals(List.of("eth0"), iterableNames(nets), stats.body());
        assertTrue(nets.get("eth0").get("rx_bytes").asLong() > 0 && nets.get("eth0").get("tx_packets").asLong() > 0,
                nets.toString());
        String series = awaitMetricLine("container_network_receive_bytes_total{", "interface=\"eth0\"", "name=\"" + a + "\"");
        assertTrue(Double.parseDouble(series.substring(series.lastIndexOf(' ') + 1)) > 0, series);

        String hosts = docker.ok("exec", a, "cat", "/etc/hosts");
        String shortId = inspect(a).get("Id").asText().substring(0, 12);
        assertTrue(hosts.startsWith("127.0.0.1\tlocalhost\n"), hosts);
        assertTrue(hosts.endsWith(ip + "\t" + shortId + "\n"), hosts);
        String resolv = docker.ok("exec", a, "cat", "/etc/resolv.conf");
        assertFalse(resolv.matches("(?s).*nameserver 127\\..*"), resolv);
        assertTrue(resolv.contains("nameserver "), resolv);

        docker.ok("stop", "-t", "0", a);
        JsonNode stopped = inspect(a).get("NetworkSettings");
        assertEquals("", stopped.get("IPAddress").asText());
        assertEquals("", stopped.get("SandboxKey").asText());
        assertEquals("", stopped.get("Networks").get("bridge").get("IPAddress").asText());
        assertEquals(bridgeJson.get("ID").asText(), stopped.get("Networks").get("bridge").get("NetworkID").asText());
        assertFalse(Files.exists(Path.of(ns.get("SandboxKey").asText())), "namespace file removed at exit");
    }

    @Test
    void networkNone_onlyLoopback() throws Exception {
        String n = name("none");
        String links = docker.ok("run", "--name", n, "--network", "none", BUSYBOX, "ip", "-o", "link");
        assertEquals(1, links.trim().split("\n").length, links);
        assertTrue(links.startsWith("1: lo:") && links.contains("UP"), links);
        JsonNode ns = inspect(n).get("NetworkSettings");
        assertTrue(ns.get("Networks").has("none"), ns.toString());
        assertEquals("", ns.get("IPAddress").asText());
    }

    @Test
    void containerMode_sharesTheNamespaceHostnameAndFiles_refusedForAStoppedOne() throws Exception {
        String donor = name("donor");
        docker.ok("run", "-d", "--name", donor, "--hostname", "donorhost", BUSYBOX, "sleep", "300");
        String ip = inspect(donor).get("NetworkSettings").get("IPAddress").asText();
        String joiner = name("joiner");
        String out = docker.ok("run", "--name", joiner, "--network", "container:" + donor, BUSYBOX, "sh", "-c",
                "ip -o -4 addr show eth0; hostname; tail -n 1 /etc/hosts");
        assertTrue(out.contains("inet " + ip + "/"), out);
        assertTrue(out.contains("\ndonorhost\n"), out);
        assertTrue(out.trim().endsWith(ip + "\tdonorhost"), out);
        assertEquals(0, inspect(joiner).get("NetworkSettings").get("Networks").size());

        docker.ok("stop", "-t", "0", donor);
        DockerCli.Result refused = docker.run("start", joiner);
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("cannot join network of a non running container: " + donor),
                refused.stderr());
        DockerCli.Result conflict = docker.run("create", "--network", "container:" + donor, "--dns", "1.1.1.1", BUSYBOX);
        assertTrue(conflict.stderr().contains("conflicting options: dns and the network mode"), conflict.stderr());
    }

    private static int freePort() {
        try {
            return Prometheus.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        if (object != null) {
            object.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** The first /metrics line starting with {@code prefix} and containing every part, waiting up to 20 s. */
    private static String awaitMetricLine(String prefix, String... parts) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String body = "";
        for (int i = 0; i < 40; i++) {
            body = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + METRICS_PORT + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.Optional<String> line = body.lines().filter(l -> l.startsWith(prefix))
                    .filter(l -> java.util.Arrays.stream(parts).allMatch(l::contains)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + prefix + " line with " + List.of(parts) + " in:\n" + body);
    }

    private static boolean inSubnet(String ip, String cidr) {
        String[] c = cidr.split("/");
        int prefix = Integer.parseInt(c[1]);
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return (value(ip) & mask) == (value(c[0]) & mask);
    }

    private static long value(String ip) {
        long v = 0;
        for (String p : ip.split("\\.")) {
            v = v << 8 | Integer.parseInt(p);
        }
        return v;
    }
}
