package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
 * disconnect of a created container, the network events, and the records surviving a berthd restart. Each test
 * removes the containers and networks it made.
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
        assertTrue(notConnected.stderr().contains("container " + cid + " is not connected to network " + n),
                notConnected.toString());
        String events = networkEvents(id, "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}",
                "disconnect");
        assertEquals("create " + n + " <no value>\nconnect " + n + " " + cid + "\ndisconnect " + n + " " + cid
                + "\n", events);
    }
}
