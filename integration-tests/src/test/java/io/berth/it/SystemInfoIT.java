package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker info} against a real {@code bin/berthd --debug}: the values are the machine's (the sysctls and
 * cgroup files read here too), Debug is true, and NEventsListener follows the live {@code docker events}
 * streams. Each check is independent of the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemInfoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    BerthdProcess daemon;
    DockerCli docker;
    UnixHttp http;

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2().withoutImages();

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        http = BERTHD.http();
    }

    @Test
    void dockerInfo_underDebug_saysDebugModeTrueInTheServerSection() throws Exception {
        String out = docker.ok("info");
        int server = out.indexOf("\nServer:");
        assertTrue(server >= 0, out);
        assertTrue(out.substring(server).contains("\n Debug Mode: true\n"), out);
    }

    @Test
    void info_reportsTheMachinesSysctls() throws Exception {
        JsonNode info = info();
        boolean forwarding = sysctlOn("net/ipv4/ip_forward");
        assertEquals(forwarding, info.get("IPv4Forwarding").asBoolean());
        assertEquals(sysctlOn("net/bridge/bridge-nf-call-iptables"), info.get("BridgeNfIptables").asBoolean());
        assertEquals(sysctlOn("net/bridge/bridge-nf-call-ip6tables"), info.get("BridgeNfIp6tables").asBoolean());
        assertEquals(!forwarding, warnings(info).contains("WARNING: IPv4 forwarding is disabled"), info.toString());
    }

    @Test
    void info_reportsTheMachinesCgroupFiles() throws Exception {
        JsonNode info = info();
        Path memory = Path.of("/sys/fs/cgroup/memory");
        assumeTrue(Files.isDirectory(memory) && "1".equals(info.get("CgroupVersion").asText()),
                "cgroup v1 memory controller at /sys/fs/cgroup/memory");
        boolean swap = Files.exists(memory.resolve("memory.memsw.limit_in_bytes"));
        assertEquals(swap, info.get("SwapLimit").asBoolean());
        assertEquals(Files.exists(memory.resolve("memory.kmem.limit_in_bytes")), info.get("KernelMemory").asBoolean());
        assertEquals(Files.exists(memory.resolve("memory.oom_control")), info.get("OomKillDisable").asBoolean());
        assertEquals(!swap, warnings(info).contains("WARNING: No swap limit support"), info.toString());
    }

    @Test
    void info_reportsTheGatewaysDescriptorsAndTheDriversMeasuredStatus() throws Exception {
        JsonNode info = info();
        assertTrue(info.get("NFd").asInt() > 3, info.toString());
        assertTrue(info.get("Debug").asBoolean());
        List<String> keys = new ArrayList<>();
        for (JsonNode pair : info.get("DriverStatus")) {
            keys.add(pair.get(0).asText());
            if (pair.get(0).asText().equals("Supports d_type")) {
                assertEquals("true", pair.get(1).asText(), "the IT machine's /tmp fills d_type");
            }
        }
        assertEquals(List.of("Backing Filesystem", "Supports d_type", "Native Overlay Diff", "userxattr"), keys);
    }

    @Test
    void info_countsTheLiveEventsStreams() throws Exception {
        int before = info().get("NEventsListener").asInt();
        Path out = Files.createTempFile("events-out", ".txt");
        Path err = Files.createTempFile("events-err", ".txt");
        Process events = docker.start(out, err, "events");
        try {
            awaitListeners(before + 1);
        } finally {
            events.destroy();
            events.waitFor();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
        awaitListeners(before);
    }

    private void awaitListeners(int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int seen;
        do {
            seen = info().get("NEventsListener").asInt();
            if (seen == expected) {
                return;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        assertEquals(expected, seen, "NEventsListener");
    }

    private JsonNode info() throws IOException {
        UnixHttp.Response r = http.send("GET", "/v1.41/info", null);
        assertEquals(200, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> warnings(JsonNode info) {
        List<String> w = new ArrayList<>();
        info.get("Warnings").forEach(n -> w.add(n.asText()));
        return w;
    }

    private static boolean sysctlOn(String name) throws IOException {
        Path p = Path.of("/proc/sys").resolve(name);
        return Files.exists(p) && Files.readString(p).trim().equals("1");
    }
}
