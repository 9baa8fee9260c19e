package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.EngineConfig;
import io.berth.engine.container.ContainerConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.HostConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSpecBuilderTest {
    private static final String ID = "c0ffee".repeat(10) + "abcd";

    private static ContainerRecord record(HostConfig hc) {
        ContainerConfig c = new ContainerConfig("myhost", "", "", false, true, true, false, false, false,
                List.of("PATH=/custom/bin", "FOO=bar"), List.of("-c", "echo hi"), "img", "/work", List.of("/bin/sh"),
                Map.of(), "", null, List.of(), List.of(), false);
        return new ContainerRecord(ID, "/web", Instant.EPOCH, "/bin/sh", List.of("-c", "echo hi"), c, hc,
                ContainerState.created(), "sha256:x", "vfs", null, null, "/d/log", "/d/hostname", "/d/hosts",
                "/d/resolv.conf", 0, "linux");
    }

    private static JsonNode build(HostConfig hc) {
        EngineConfig cfg = new EngineConfig(Path.of("/data"), Path.of("/exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        return new RuntimeSpecBuilder(cfg).build(record(hc), new ExecUser(65534, 65534, List.of(10)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void build_process_argsEnvCwdUserNoTerminalDockerCaps() {
        JsonNode p = build(HostConfig.defaults()).get("process");

        assertFalse(p.get("terminal").asBoolean());
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), texts(p.get("args")));
        assertEquals(List.of("PATH=/custom/bin", "HOSTNAME=myhost", "FOO=bar"), texts(p.get("env")));
        assertEquals("/work", p.get("cwd").asText());
        assertEquals(65534, p.at("/user/uid").asInt());
        assertEquals(65534, p.at("/user/gid").asInt());
        assertEquals(List.of("10"), texts(p.at("/user/additionalGids")));
        assertEquals(SpecDefaults.CAPABILITIES, texts(p.at("/capabilities/bounding")));
        assertEquals(SpecDefaults.CAPABILITIES, texts(p.at("/capabilities/effective")));
        assertEquals(14, texts(p.at("/capabilities/permitted")).size());
    }

    @Test
    void build_rootHostnameVersion() {
        JsonNode s = build(HostConfig.defaults());

        assertEquals("1.0.2", s.get("ociVersion").asText());
        assertEquals("rootfs", s.at("/root/path").asText());
        assertFalse(s.at("/root/readonly").asBoolean());
        assertEquals("myhost", s.get("hostname").asText());
    }

    @Test
    void build_mounts_standardOnesThenEtcBinds() {
        JsonNode mounts = build(HostConfig.defaults()).get("mounts");
        List<String> dests = new ArrayList<>();
        mounts.forEach(m -> dests.add(m.get("destination").asText()));

        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/etc/resolv.conf", "/etc/hostname", "/etc/hosts"), dests);
        JsonNode sys = mounts.get(3);
        assertTrue(texts(sys.get("options")).contains("ro"));
        JsonNode hostname = mounts.get(8);
        assertEquals("bind", hostname.get("type").asText());
        assertEquals("/d/hostname", hostname.get("source").asText());
        assertEquals(List.of("rbind", "rprivate"), texts(hostname.get("options")));
    }

    @Test
    void build_linux_namespacesCgroupMaskedAndReadonlyPaths() {
        JsonNode linux = build(HostConfig.defaults()).get("linux");
        List<String> ns = new ArrayList<>();
        linux.get("namespaces").forEach(n -> ns.add(n.get("type").asText()));

        assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), ns);
        assertEquals("/berth/" + ID, linux.get("cgroupsPath").asText());
        assertTrue(texts(linux.get("maskedPaths")).containsAll(List.of("/proc/kcore", "/proc/keys", "/sys/firmware")));
        assertTrue(texts(linux.get("readonlyPaths")).containsAll(List.of("/proc/sys", "/proc/sysrq-trigger")));
        assertFalse(linux.get("resources").has("memory"));
        assertFalse(linux.get("resources").get("devices").get(0).get("allow").asBoolean());
    }

    @Test
    void build_limitsSet_resourcesHaveMemoryCpuPids() {
        HostConfig hc = new HostConfig(false, "none", "no", 0, "", Map.of(), 268435456L, 512, 64, List.of(), false,
                true);

        JsonNode s = build(hc);

        assertEquals(268435456L, s.at("/linux/resources/memory/limit").asLong());
        assertEquals(512, s.at("/linux/resources/cpu/shares").asInt());
        assertEquals(64, s.at("/linux/resources/pids/limit").asInt());
        assertTrue(s.at("/root/readonly").asBoolean());
    }

    @Test
    void cgroupsPath_customParent_isAbsoluteParentSlashId() {
        EngineConfig cfg = new EngineConfig(Path.of("/d"), Path.of("/e"), "custom/parent/", Path.of("/r"),
                Path.of("/c"));
        assertEquals("/custom/parent/" + ID, new RuntimeSpecBuilder(cfg).cgroupsPath(ID));
    }
}
