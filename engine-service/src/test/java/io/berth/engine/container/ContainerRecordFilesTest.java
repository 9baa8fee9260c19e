package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.engine.TestConfigs;
import io.berth.engine.config.EngineConfig;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRecordFilesTest {
    private static final String ID = "0123456789abcdef".repeat(4);
    private static final HostConfig EVERY_FIELD = HostConfig.newBuilder().setAutoRemove(true).setNetworkMode("host")
            .setRestartPolicy("no").setRestartMaxRetries(0).setLogDriver("json-file").putLogOptions("max-size", "1m")
            .setMemoryBytes(64L << 20).setCpuShares(512).setPidsLimit(64).addBinds("/tmp/x:/x:ro")
            .setPrivileged(false).setReadonlyRootfs(true)
            .addMounts(TestConfigs.mount("tmpfs", "", "/t", false, "", false, 1 << 20, 0755))
            .addMounts(TestConfigs.mount("bind", "/opt", "/o", true, "rslave", true, 0, 0))
            .putTmpfs("/run", "size=64m").addCapAdd("NET_ADMIN").addCapDrop("MKNOD").setNanoCpus(0)
            .setCpuQuota(50000).setCpuPeriod(100000).setCpusetCpus("0").setCpusetMems("0")
            .addUlimits(TestConfigs.ulimit("nofile", 100, 200)).addDns("1.1.1.1").addDnsSearch("example.com")
            .addDnsOptions("ndots:2").addExtraHosts("a:1.2.3.4").build();
    private static final ContainerConfig CONFIG = TestConfigs.config("0123456789ab", "example.org", "1000:1000",
            true, true, true, false, true, true, List.of("A=1", "PATH=/usr/bin:/bin"), List.of("sh", "-c", "echo hi"),
            "fixture/busybox:1", "/work", null, Map.of("l1", "v1"), "SIGQUIT", 7, List.of("80/tcp"),
            List.of("/data"), false);

    @TempDir
    Path root;

    private ContainerRecordFiles files() {
        return new ContainerRecordFiles(new EngineConfig(root, root.resolve("exec"), "/berth",
                Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon")));
    }

    private ContainerRecord record(ContainerConfig config, HostConfig hostConfig) {
        Path dir = root.resolve("containers").resolve(ID);
        return new ContainerRecord(ID, "/web", Instant.parse("2026-12-03T18:00:00.123456789Z"), "sh",
                List.of("-c", "echo hi"), config, hostConfig, ContainerState.created(), "sha256:" + "ab".repeat(32),
                "overlay2", Map.of("UpperDir", "/u"),
                List.of(new SnapshotMount("overlay", "overlay", List.of("lowerdir=/l", "upperdir=/u", "workdir=/w"))),
                dir.resolve(ID + "-json.log").toString(), dir.resolve("hostname").toString(),
                dir.resolve("hosts").toString(), dir.resolve("resolv.conf").toString(), 0, "linux", List.of());
    }

    @Test
    void saveThenLoad_everyConfigAndHostConfigField_survives() {
        ContainerRecord r = record(CONFIG, EVERY_FIELD);
        files().save(r);

        List<ContainerRecord> loaded = files().loadAll();

        assertEquals(List.of(r), loaded);
    }

    @Test
    void save_writesDockerNamesNumbersAndPlainArraysWithEveryField() throws Exception {
        files().save(record(CONFIG, HostConfig.newBuilder().setMemoryBytes(64L << 20).build()));

        JsonNode json = Json.MAPPER.readTree(root.resolve("containers").resolve(ID).resolve("config.v2.json")
                .toFile());

        JsonNode hc = json.get("HostConfig");
        assertTrue(hc.get("Memory").isIntegralNumber(), hc.toString());
        assertEquals(64L << 20, hc.get("Memory").asLong());
        assertTrue(hc.get("NanoCpus").isIntegralNumber(), "defaults are written too: " + hc);
        assertEquals("", hc.get("NetworkMode").asText());
        assertTrue(hc.get("Binds").isArray());
        JsonNode c = json.get("Config");
        assertEquals(List.of("sh", "-c", "echo hi"), Json.MAPPER.convertValue(c.get("Cmd"), List.class));
        assertFalse(c.has("Entrypoint"), "an unset Entrypoint is left out: " + c);
        assertEquals(7, c.get("StopTimeout").asInt());
        assertEquals("fixture/busybox:1", c.get("Image").asText());
    }

    @Test
    void loadAll_recordWrittenBeforeTheProtosWereTheModel_loadsWithTheSameValues() throws Exception {
        Path dir = Files.createDirectories(root.resolve("containers").resolve(ID));
        try (InputStream in = getClass().getResourceAsStream("/records/config.v2.json")) {
            Files.write(dir.resolve("config.v2.json"), in.readAllBytes());
        }

        List<ContainerRecord> loaded = files().loadAll();

        assertEquals(1, loaded.size());
        ContainerRecord r = loaded.get(0);
        assertEquals(CONFIG, r.config());
        assertEquals(EVERY_FIELD, r.hostConfig());
        assertEquals("exited", r.state().status());
        assertEquals(3, r.state().exitCode());
        assertEquals(Instant.parse("2026-12-03T18:00:02.5Z"), r.state().finishedAt());
        assertEquals(List.of("-c", "echo hi"), r.args());
        assertEquals("/var/lib/berth/containers/" + ID + "/hostname", r.hostnamePath());
        assertEquals(7, r.stopTimeoutSeconds());
    }
}
