package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.Collections;
import java.nio.file.Path;
import java.net.NetworkInterface;
import java.net.InterfaceAddress;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User-defined networks against a real {@code bin/berthd} with the real docker CLI: {@code docker network
 * create/ls (filters)/inspect/rm/prune} with dockerd's texts and statuses, the predefined networks, connect and
 * disconnect of a created container, the network events, the records surviving a berthd restart; and traffic
 * (real CNI bridge plugin, real netns, the embedded DNS server): containers reach each other by name, network
 * alias and short ID on one network and not across two; a running container connected to a second network gets
 * eth1 and its names there, and loses both when disconnected; names are answered again after the engine was
 * killed; {@code --internal} has no way out to the host's address; removing the containers and networks leaves no
 * bridge, namespace file or IPAM lease. Each test removes the containers and networks it made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserNetworksIT {
    BerthdProcess daemon;
    DockerCli docker;
    String prefix;
    final List<String> containers = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
    }

    @BeforeEach
    void names() {
        prefix = "net-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeAll() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
        containers.clear();
        for (String n : docker.ok("network", "ls", "-q", "--filter", "type=custom").split("\n")) {
            if (!n.isBlank()) {
                docker.run("network", "rm", n);
            }
        }
    }

    /**
     * Events reach the monitor asynchronously (README's known gaps): asks again for up to 10 s.
     *
     * @return the events of one network in the last 10 minutes, one per line in {@code format}
     */
    private String networkEvents(String networkId, String format, String last) throws Exception {
        String events = "";
        for (int i = 0; i < 50 && !events.contains(last); i++) {
            Thread.sleep(i == 0 ? 0 : 200);
            events = docker.ok("events", "--since", "10m", "--until", DockerCli.eventsNow(), "--filter",
                    "type=network", "--filter", "network=" + networkId, "--format", format);
        }
        return events;
    }

    @Test
    void createListInspectRemovePrune_asDockerd() throws Exception {
        String a = prefix + "-a";
        String b = prefix + "-b";
        String idA = docker.ok("network", "create", "--subnet", "10.93.0.0/24", "--ip-range", "10.93.0.128/25",
                "--gateway", "10.93.0.254", "--internal", "--label", "tier=db", "-o",
                "com.docker.network.bridge.enable_icc=false", a).trim();
        assertTrue(idA.matches("[0-9a-f]{64}"), idA);
        docker.ok("network", "create", b);

        assertEquals("bridge host none\n", docker.ok("network", "ls", "--filter", "type=builtin", "--format",
                "{{.Name}}").replace("\n", " ").trim() + "\n");
        assertEquals(a + "\n" + b + "\n", docker.ok("network", "ls", "--filter", "name=" + prefix, "--format",
                "{{.Name}}"));
        assertEquals(a + "\n", docker.ok("network", "ls", "--filter", "label=tier=db", "--format", "{{.Name}}"));
        assertEquals(idA.substring(0, 12) + "\n", docker.ok("network", "ls", "-q", "--filter", "label=tier"));
        assertEquals("host\n", docker.ok("network", "ls", "--filter", "driver=host", "--format", "{{.Name}}"));

        assertEquals(a + " local bridge true false [{10.93.0.0/24 10.93.0.128/25 10.93.0.254 map[]}] map[tier:db]"
                + " map[com.docker.network.bridge.enable_icc:false] map[]\n", docker.ok("network", "inspect", "-f",
                "{{.Name}} {{.Scope}} {{.Driver}} {{.Internal}} {{.EnableIPv6}} {{.IPAM.Config}} {{.Labels}}"
                        + " {{.Options}} {{.Containers}}", a));
        String auto = docker.ok("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}",
                b).trim();
        assertTrue(auto.matches("(172\\.(1[89]|2\\d|3[01])\\.0\\.0/16 172\\.\\d+\\.0\\.1"
                + "|192\\.168\\.\\d+\\.0/20 192\\.168\\.\\d+\\.1)"), auto);
        assertEquals(a + "\n", docker.ok("network", "inspect", "-f", "{{.Name}}", idA.substring(0, 10)));
        assertTrue(Files.isRegularFile(daemon.dataRoot.resolve("network/networks/" + idA + ".json")));

        DockerCli.Result dup = docker.run("network", "create", a);
        assertEquals(1, dup.exitCode(), dup.toString());
        assertTrue(dup.stderr().contains("network with name " + a + " already exists"), dup.toString());
        DockerCli.Result overlap = docker.run("network", "create", "--subnet", "10.93.0.64/26", prefix + "-c");
        assertTrue(overlap.stderr().contains("Pool overlaps with other one on this address space"),
                overlap.toString());
        DockerCli.Result predefined = docker.run("network", "rm", "bridge");
        assertTrue(predefined.stderr().contains("bridge is a pre-defined network and cannot be removed"),
                predefined.toString());
        DockerCli.Result nosuch = docker.run("network", "inspect", prefix + "-nosuch");
        assertTrue(nosuch.stderr().contains("network " + prefix + "-nosuch not found"), nosuch.toString());
        DockerCli.Result driver = docker.run("network", "create", "-d", "nosuch", prefix + "-d");
        assertTrue(driver.stderr().contains("plugin \"nosuch\" not found"), driver.toString());

        assertEquals(a + "\n", docker.ok("network", "rm", a));
        assertFalse(Files.exists(daemon.dataRoot.resolve("network/networks/" + idA + ".json")));
        String prune = docker.ok("network", "prune", "-f");
        assertEquals("Deleted Networks:\n" + b + "\n\n", prune);
        assertEquals("", docker.ok("network", "ls", "-q", "--filter", "type=custom"));
        String events = networkEvents(idA, "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}",
                "destroy");
        assertEquals("create " + a + " bridge\ndestroy " + a + " bridge\n", events);
    }

    @Test
    void connectAndDisconnect_ofACreatedContainer_andRecordsSurviveARestart() throws Exception {
        String n = prefix + "-app";
        String id = docker.ok("network", "create", "--subnet", "10.94.0.0/24", n).trim();
        String c = prefix + "-web";
        containers.add(c);
        String cid = docker.ok("create", "--name", c, WalkingSkeletonContract.BUSYBOX, "true").trim();

        docker.ok("network", "connect", "--ip", "10.94.0.9", "--alias", "www", n, c);
        assertEquals("bridge= " + n + "=" + id + " [www]\n", docker.ok("inspect", "-f", "{{range $k, $v :="
                + " .NetworkSettings.Networks}}{{$k}}={{$v.NetworkID}}{{if $v.Aliases}} {{$v.Aliases}}{{end}} {{end}}",
                c).trim() + "\n", "connected while created: shown, attached at the start");
        DockerCli.Result twice = docker.run("network", "connect", n, c);
        assertTrue(twice.stderr().contains("endpoint with name " + c + " already exists in network " + n),
                twice.toString());
        DockerCli.Result outside = docker.run("network", "connect", "--ip", "10.95.0.9", "bridge", c);
        assertTrue(outside.stderr().contains("user specified IP address is supported on user defined networks only"),
                outside.toString());

        assertEquals(0, daemon.stop());
        daemon.start();

        assertEquals(id + "\n", docker.ok("network", "inspect", "-f", "{{.Id}}", n));
        DockerCli.Result again = docker.run("network", "connect", n, c);
        assertTrue(again.stderr().contains("already exists in network " + n), "kept across the restart: " + again);
        docker.ok("network", "disconnect", n, c);
        DockerCli.Result notConnected = docker.run("network", "disconnect", n, c);
        assertTrue(notConnected.stderr().contains("container " + cid + " is not connected to the network " + n),
                notConnected.toString());
        String events = networkEvents(id, "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}",
                "disconnect");
        assertEquals("create " + n + " <no value>\nconnect " + n + " " + cid + "\ndisconnect " + n + " " + cid
                + "\n", events);
    }

    private String sleeper(String name, String... options) throws Exception {
        String n = prefix + "-" + name;
        containers.add(n);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", n));
        args.addAll(List.of(options));
        args.addAll(List.of(WalkingSkeletonContract.BUSYBOX, "sleep", "600"));
        docker.ok(args.toArray(String[]::new));
        return n;
    }

    private DockerCli.Result sh(String container, String script) throws Exception {
        return docker.run("exec", container, "sh", "-c", script);
    }

    @Test
    void byNameAliasAndShortId_onTheSameNetworkOnly() throws Exception {
        String a = prefix + "-a";
        String b = prefix + "-b";
        docker.ok("network", "create", a);
        docker.ok("network", "create", b);
        String web = sleeper("web", "--network", a, "--network-alias", "www");
        String other = sleeper("other", "--network", b);
        String client = sleeper("client", "--network", a);
        String shortId = docker.ok("inspect", "-f", "{{.Id}}", web).trim().substring(0, 12);

        assertEquals("nameserver 127.0.0.11\n", sh(client, "grep nameserver /etc/resolv.conf").stdout());
        assertEquals("[www " + shortId + "]\n", docker.ok("inspect", "-f", "{{(index .NetworkSettings.Networks \""
                + a + "\").Aliases}}", web));
        for (String name : List.of(web, "www", shortId)) {
            DockerCli.Result ping = sh(client, "ping -c1 -W5 " + name);
            assertEquals(0, ping.exitCode(), name + ": " + ping);
        }
        DockerCli.Result across = sh(client, "ping -c1 -W2 " + other);
        assertNotEquals(0, across.exitCode(), across.toString());
        assertTrue(across.stderr().contains("bad address"), "not even a name on another network: " + across);
    }

    @Test
    void connectAndDisconnect_ofARunningContainer() throws Exception {
        String a = prefix + "-a";
        String b = prefix + "-b";
        docker.ok("network", "create", a);
        String idB = docker.ok("network", "create", "--subnet", "10.97.0.0/24", b).trim();
        String web = sleeper("web", "--network", a);
        String other = sleeper("other", "--network", b);
        String webId = docker.ok("inspect", "-f", "{{.Id}}", web).trim();

        docker.ok("network", "connect", "--ip", "10.97.0.50", "--alias", "web2", b, web);

        assertTrue(sh(web, "ip -4 addr show eth1").stdout().contains("10.97.0.50/24"), "eth1 on " + b);
        assertEquals("10.97.0.50\n", docker.ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + b
                + "\").IPAMConfig.IPv4Address}}", web), "IPAMConfig as docker-py reads it");
        assertEquals(0, sh(other, "ping -c1 -W5 web2").exitCode());
        assertEquals(0, sh(web, "ping -c1 -W5 " + other).exitCode());
        assertEquals(web + " 10.97.0.50/24\n", docker.ok("network", "inspect", "-f",
                "{{range $id, $e := .Containers}}{{if eq $id \"" + webId + "\"}}{{$e.Name}} {{$e.IPv4Address}}"
                        + "{{end}}{{end}}", b));
        DockerCli.Result busy = docker.run("network", "rm", b);
        assertTrue(busy.stderr().contains("network " + b + " id " + idB + " has active endpoints"), busy.toString());

        docker.ok("network", "disconnect", b, web);

        assertNotEquals(0, sh(web, "ip addr show eth1").exitCode(), "eth1 is gone");
        assertNotEquals(0, sh(other, "ping -c1 -W2 web2").exitCode());
        assertEquals(0, sh(web, "ping -c1 -W5 " + web).exitCode(), "its own network still works");
    }

    @Test
    void names_stillAnswered_afterTheEngineWasKilled() throws Exception {
        String a = prefix + "-a";
        docker.ok("network", "create", a);
        String web = sleeper("web", "--network", a);
        String client = sleeper("client", "--network", a);
        assertEquals(0, sh(client, "ping -c1 -W5 " + web).exitCode());

        Process pgrep = new ProcessBuilder("pgrep", "-f", "io.berth.engine.EngineMain.*" + daemon.execRoot)
                .redirectErrorStream(true).start();
        String pids = new String(pgrep.getInputStream().readAllBytes()).trim();
        assertTrue(pids.matches("\\d+"), "one engine: " + pids);
        assertEquals(0, new ProcessBuilder("kill", "-9", pids).start().waitFor());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        DockerCli.Result ping;
        do {
            Thread.sleep(500);
            ping = sh(client, "ping -c1 -W2 " + web);
        } while (ping.exitCode() != 0 && System.nanoTime() < deadline);

        assertEquals(0, ping.exitCode(), "berthd restarted the engine, which serves the names again: " + ping);
    }

    @Test
    void internal_hasNoWayOut_andCleanupLeavesNothing() throws Exception {
        String hostAddress = hostAddress();
        String in = prefix + "-in";
        String out = prefix + "-out";
        String idIn = docker.ok("network", "create", "--internal", in).trim();
        docker.ok("network", "create", out);
        String sealed = sleeper("sealed", "--network", in);
        String open = sleeper("open", "--network", out);

        DockerCli.Result blocked = sh(sealed, "ping -c1 -W2 " + hostAddress);
        assertNotEquals(0, blocked.exitCode(), blocked.toString());
        assertEquals(0, sh(open, "ping -c1 -W5 " + hostAddress).exitCode(), "a normal network reaches the host");

        String sealedId = docker.ok("inspect", "-f", "{{.Id}}", sealed).trim();
        String openIp = docker.ok("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", open)
                .trim();
        docker.ok("rm", "-f", sealed, open);
        containers.clear();
        docker.ok("network", "rm", in, out);
        assertFalse(linkExists("br-" + idIn.substring(0, 12)), "the bridge is gone");
        assertFalse(Files.exists(daemon.execRoot.resolve("netns").resolve(sealedId)), "the namespace file is gone");
        Path ipam = daemon.dataRoot.resolve("network/ipam/" + idIn);
        assertFalse(Files.exists(ipam), "no IPAM lease left in " + ipam);
        assertFalse(Files.exists(daemon.dataRoot.resolve("network/endpoints/" + sealedId + ".json")));
        Process save = new ProcessBuilder("iptables-save").redirectErrorStream(true).start();
        String rules = new String(save.getInputStream().readAllBytes());
        save.waitFor(10, TimeUnit.SECONDS);
        assertFalse(rules.contains(" " + openIp + "/32"), "no masquerade rule for " + openIp + " is left:\n" + rules);
    }

    private static boolean linkExists(String name) throws Exception {
        Process p = new ProcessBuilder("ip", "link", "show", name).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue() == 0;
    }

    /** @return an IPv4 address of the host that is not loopback nor on a container bridge */
    private static String hostAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            String n = ni.getName();
            if (ni.isLoopback() || !ni.isUp() || n.startsWith("br-") || n.startsWith("berth") || n.startsWith("veth")
                    || n.startsWith("docker") || n.startsWith("cni")) {
                continue;
            }
            for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4) {
                    return v4.getHostAddress();
                }
            }
        }
        throw new AssertionError("this host has no IPv4 address beyond loopback and bridges");
    }

    @Test
    void dockerPy_networksCreateConnectInspectRemovePrune() throws Exception {
        DockerCli.Result r = DockerPy.run(daemon, "networks_dockerpy.py", prefix);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("ok\n", r.stdout());
    }

    @Test
    void legacyLinks_onTheDefaultBridge_variablesAndHosts() throws Exception {
        String db = sleeper("db", "-e", "FOO=bar", "--expose", "5432");
        String web = prefix + "-web";
        containers.add(web);
        String ip = docker.ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", db).trim();

        String out = docker.ok("run", "--name", web, "--link", db + ":dbalias", WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "env | grep ^DBALIAS_ | sort; grep dbalias /etc/hosts; ping -c1 -W5 dbalias >/dev/null"
                        + " && echo reached");

        assertEquals("DBALIAS_ENV_FOO=bar\nDBALIAS_NAME=/" + web + "/dbalias\nDBALIAS_PORT=tcp://" + ip + ":5432\n"
                + "DBALIAS_PORT_5432_TCP=tcp://" + ip + ":5432\nDBALIAS_PORT_5432_TCP_ADDR=" + ip + "\n"
                + "DBALIAS_PORT_5432_TCP_PORT=5432\nDBALIAS_PORT_5432_TCP_PROTO=tcp\n" + ip + "\tdbalias "
                + docker.ok("inspect", "-f", "{{.Config.Hostname}}", db).trim() + " " + db + "\nreached\n", out);
        assertEquals("[\"/" + db + ":/" + web + "/dbalias\"]\n", docker.ok("inspect", "-f",
                "{{json .HostConfig.Links}}", web), "as dockerd's inspect shows the link");
        assertEquals("null\n", docker.ok("inspect", "-f", "{{json .HostConfig.Links}}", db));
        DockerCli.Result missing = docker.run("run", "--rm", "--link", prefix + "-nosuch", WalkingSkeletonContract.BUSYBOX,
                "true");
        assertTrue(missing.stderr().contains("could not get container for " + prefix + "-nosuch"), missing.toString());
    }

    @Test
    void reservedAddresses_refusedAsDockerd_andNothingHalfMade() throws Exception {
        String n = prefix + "-r";
        DockerCli.Result gw = docker.run("network", "create", "--subnet", "10.91.0.0/24", "--gateway", "10.91.0.0", n);
        assertTrue(gw.stderr().contains("failed to allocate gateway (10.91.0.0): Address already in use"),
                gw.toString());
        String id = docker.ok("network", "create", "--subnet", "10.91.0.0/24", n).trim();
        String c = prefix + "-gw";
        containers.add(c);

        DockerCli.Result taken = docker.run("run", "-d", "--name", c, "--network", n, "--ip", "10.91.0.1",
                WalkingSkeletonContract.BUSYBOX, "sleep", "600");

        assertTrue(taken.stderr().contains("Address already in use"), taken.toString());
        String cid = docker.ok("inspect", "-f", "{{.Id}} {{.State.Status}}", c).trim();
        assertTrue(cid.endsWith(" created"), "the create stays, as dockerd's: " + cid);
        cid = cid.substring(0, 64);
        assertFalse(Files.exists(daemon.dataRoot.resolve("network/endpoints/" + cid + ".json")));
        assertFalse(Files.exists(daemon.execRoot.resolve("netns").resolve(cid)));
        Path leases = daemon.dataRoot.resolve("network/ipam/" + id + "/" + n);
        if (Files.isDirectory(leases)) {
            try (var files = Files.list(leases)) {
                assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                        .filter(f -> f.matches("[0-9.]+")).toList(), "no lease left");
            }
        }
    }

    @Test
    void embeddedDns_forwardsToTheContainersDnsServers() throws Exception {
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        String upstream = "127." + rnd.nextInt(100, 250) + "." + rnd.nextInt(1, 250) + "." + rnd.nextInt(2, 250);
        String a = prefix + "-a";
        docker.ok("network", "create", a);
        try (java.net.DatagramSocket fake = new java.net.DatagramSocket(new java.net.InetSocketAddress(upstream, 53))) {
            Thread server = new Thread(() -> answerEveryQuestion(fake, new byte[] {(byte) 192, 0, 2, 7}));
            server.setDaemon(true);
            server.start();
            String c = sleeper("asker", "--network", a, "--dns", upstream);

            DockerCli.Result r = sh(c, "nslookup -type=a elsewhere.example");

            assertTrue(r.stdout().contains("192.0.2.7"), "answered by the --dns server " + upstream + ": " + r);
            assertEquals("nameserver 127.0.0.11\n", sh(c, "grep nameserver /etc/resolv.conf").stdout());
        }
    }

    /**
     * A DNS server of one answer (RFC 1035 4.1): every question gets an A record of {@code address} (TTL 60),
     * until the socket is closed.
     */
    private static void answerEveryQuestion(java.net.DatagramSocket s, byte[] address) {
        byte[] buf = new byte[512];
        while (!s.isClosed()) {
            try {
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                s.receive(p);
                int end = 12;
                while (buf[end] != 0) {
                    end += (buf[end] & 0xff) + 1;
                }
                end += 5; // the root label, QTYPE, QCLASS
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                out.write(buf, 0, 2); // the ID
                out.write(new byte[] {(byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0});
                out.write(buf, 12, end - 12);
                out.write(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4});
                out.write(address);
                byte[] reply = out.toByteArray();
                s.send(new java.net.DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (java.io.IOException | RuntimeException e) {
                return;
            }
        }
    }
}
