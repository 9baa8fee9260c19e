package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.TestConfigs;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSpecBuilderTest {
    private static final String ID = "c0ffee".repeat(10) + "abcd";

    private static ContainerRecord record(HostConfig hc) {
        ContainerConfig c = TestConfigs.config("myhost", "", "", false, true, true, false, false, false,
                List.of("PATH=/custom/bin", "FOO=bar"), List.of("-c", "echo hi"), "img", "/work", List.of("/bin/sh"),
                Map.of(), "", null, List.of(), List.of(), false);
        return new ContainerRecord(ID, "/web", Instant.EPOCH, "/bin/sh", List.of("-c", "echo hi"), c, hc,
                ContainerState.created(), "sha256:x", "vfs", null, null, "/d/log", "/d/hostname", "/d/hosts",
                "/d/resolv.conf", 0, "linux", List.of());
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
        JsonNode p = build(ContainerRecord.DEFAULT_HOST_CONFIG).get("process");

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

    private static JsonNode ttyProcess(boolean tty, Long... consoleSize) {
        ContainerRecord plain = record(ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder()
                .addAllConsoleSize(List.of(consoleSize)).build());
        ContainerRecord r = new ContainerRecord(plain.id(), plain.name(), plain.created(), plain.path(), plain.args(),
                plain.config().toBuilder().setTty(tty).build(), plain.hostConfig(), plain.state(), plain.image(),
                plain.driver(), null, null, "/d/log", "/d/hostname", "/d/hosts", "/d/resolv.conf", 0, "linux",
                List.of());
        EngineConfig cfg = new EngineConfig(Path.of("/data"), Path.of("/exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        return new RuntimeSpecBuilder(cfg).build(r, new ExecUser(0, 0, List.of())).get("process");
    }

    @Test
    void build_ttyWithConsoleSize_setsProcessConsoleSizeHeightWidth() {
        JsonNode p = ttyProcess(true, 41L, 137L);

        assertTrue(p.get("terminal").asBoolean());
        assertEquals(41, p.at("/consoleSize/height").asInt());
        assertEquals(137, p.at("/consoleSize/width").asInt());
    }

    @Test
    void build_consoleSize_leftOutWithoutTtyOrUsableSize() {
        assertFalse(ttyProcess(false, 41L, 137L).has("consoleSize"), "no TTY");
        assertFalse(ttyProcess(true).has("consoleSize"), "not sent");
        assertFalse(ttyProcess(true, 0L, 0L).has("consoleSize"), "CLI without a terminal sends [0, 0]");
        assertFalse(ttyProcess(true, 24L, 0L).has("consoleSize"), "a zero width");
        assertFalse(ttyProcess(true, 24L, 65536L).has("consoleSize"), "over struct winsize's 16 bits");
        assertFalse(ttyProcess(true, -1L, 80L).has("consoleSize"), "2^64-1 as an unsigned long");
        assertEquals(65535, ttyProcess(true, 65535L, 1L).at("/consoleSize/height").asInt());
    }

    @Test
    void build_rootHostnameVersion() {
        JsonNode s = build(ContainerRecord.DEFAULT_HOST_CONFIG);

        assertEquals("1.0.2", s.get("ociVersion").asText());
        assertEquals("rootfs", s.at("/root/path").asText());
        assertFalse(s.at("/root/readonly").asBoolean());
        assertEquals("myhost", s.get("hostname").asText());
    }

    @Test
    void build_mounts_standardOnesThenEtcBinds() {
        JsonNode mounts = build(ContainerRecord.DEFAULT_HOST_CONFIG).get("mounts");
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
        JsonNode linux = build(ContainerRecord.DEFAULT_HOST_CONFIG).get("linux");
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
        HostConfig hc = HostConfig.newBuilder().setNetworkMode("none").setMemoryBytes(268435456L).setCpuShares(512)
                .setPidsLimit(64).setReadonlyRootfs(true).build();

        JsonNode s = build(hc);

        assertEquals(268435456L, s.at("/linux/resources/memory/limit").asLong());
        assertEquals(512, s.at("/linux/resources/cpu/shares").asInt());
        assertEquals(64, s.at("/linux/resources/pids/limit").asInt());
        assertTrue(s.at("/root/readonly").asBoolean());
    }

    private static JsonNode mount(JsonNode spec, String destination) {
        for (JsonNode m : spec.get("mounts")) {
            if (m.get("destination").asText().equals(destination)) {
                return m;
            }
        }
        return null;
    }

    private static List<String> destinations(JsonNode spec) {
        List<String> out = new ArrayList<>();
        spec.get("mounts").forEach(m -> out.add(m.get("destination").asText()));
        return out;
    }

    @Test
    void build_bindsMountsAndTmpfs_userMountsAfterDefaultsSortedByDepth() {
        HostConfig hc = HostConfig.newBuilder().addAllBinds(List.of("/srv/data:/data/deep/x:ro", "/tmp/x:/x"))
                .addAllMounts(List.of(TestConfigs.mount("bind", "/opt", "/mnt/opt", true, "rslave", true, 0, 0),
                        TestConfigs.mount("tmpfs", "", "/scratch", false, "", false, 1048576, 01777)))
                .putAllTmpfs(Map.of("/run", "size=64m,exec")).build();

        JsonNode s = build(hc);

        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/x", "/scratch", "/run", "/mnt/opt", "/etc/resolv.conf", "/etc/hostname", "/etc/hosts",
                "/data/deep/x"), destinations(s));
        JsonNode ro = mount(s, "/data/deep/x");
        assertEquals("bind", ro.get("type").asText());
        assertEquals("/srv/data", ro.get("source").asText());
        assertEquals(List.of("rbind", "ro", "rprivate"), texts(ro.get("options")));
        assertEquals(List.of("rbind", "rprivate"), texts(mount(s, "/x").get("options")));
        assertEquals(List.of("bind", "ro", "rslave"), texts(mount(s, "/mnt/opt").get("options")));
        JsonNode run = mount(s, "/run");
        assertEquals("tmpfs", run.get("type").asText());
        assertEquals("tmpfs", run.get("source").asText());
        assertEquals(List.of("nosuid", "nodev", "rprivate", "size=64m", "exec"), texts(run.get("options")));
        assertEquals(List.of("noexec", "nosuid", "nodev", "rprivate", "mode=1777", "size=1m"),
                texts(mount(s, "/scratch").get("options")));
    }

    @Test
    void build_userMountOnDevAndEtcHosts_replacesTheDefaults() {
        HostConfig hc = HostConfig.newBuilder().addAllBinds(List.of("/dev:/dev", "/etc/hosts:/etc/hosts:ro")).build();

        JsonNode s = build(hc);

        assertEquals(List.of("/proc", "/sys", "/sys/fs/cgroup", "/dev", "/etc/hosts", "/etc/resolv.conf",
                "/etc/hostname"), destinations(s));
        assertEquals("/etc/hosts", mount(s, "/etc/hosts").get("source").asText());
    }

    @Test
    void build_privileged_allCapsNoMaskedPathsWritableSysAllDevices() {
        JsonNode s = build(HostConfig.newBuilder().setPrivileged(true).addAllCapDrop(List.of("ALL")).build());

        assertEquals(Capabilities.all(), texts(s.at("/process/capabilities/effective")));
        assertTrue(texts(s.at("/process/capabilities/bounding")).contains("CAP_SYS_ADMIN"));
        assertFalse(s.get("linux").has("maskedPaths"));
        assertFalse(s.get("linux").has("readonlyPaths"));
        assertFalse(texts(mount(s, "/sys").get("options")).contains("ro"));
        assertFalse(texts(mount(s, "/sys/fs/cgroup").get("options")).contains("ro"));
        JsonNode devices = s.at("/linux/resources/devices");
        assertEquals(1, devices.size());
        assertTrue(devices.get(0).get("allow").asBoolean());
        assertEquals("rwm", devices.get(0).get("access").asText());
    }

    @Test
    void build_capDropAllCapAddOne_onlyThatCapability() {
        JsonNode s = build(HostConfig.newBuilder().addAllCapDrop(List.of("ALL")).addAllCapAdd(List.of("net_admin"))
                .build());

        for (String set : List.of("bounding", "effective", "permitted")) {
            assertEquals(List.of("CAP_NET_ADMIN"), texts(s.at("/process/capabilities/" + set)));
        }
    }

    @Test
    void build_nanoCpus_quotaOfPeriod100ms() {
        JsonNode cpu = build(HostConfig.newBuilder().setNanoCpus(500_000_000L).setCpusetCpus("0").build())
                .at("/linux/resources/cpu");

        assertEquals(50_000, cpu.get("quota").asLong());
        assertEquals(100_000, cpu.get("period").asLong());
        assertEquals("0", cpu.get("cpus").asText());
        assertFalse(cpu.has("shares"));
    }

    @Test
    void build_cpuQuotaAndPeriod_takenAsGiven() {
        JsonNode cpu = build(HostConfig.newBuilder().setCpuQuota(25_000).setCpuPeriod(50_000).setCpuShares(512)
                .setCpusetMems("0").build()).at("/linux/resources/cpu");

        assertEquals(25_000, cpu.get("quota").asLong());
        assertEquals(50_000, cpu.get("period").asLong());
        assertEquals(512, cpu.get("shares").asLong());
        assertEquals("0", cpu.get("mems").asText());
    }

    @Test
    void build_noCpuLimits_noCpuObject() {
        assertTrue(build(ContainerRecord.DEFAULT_HOST_CONFIG).at("/linux/resources/cpu").isMissingNode());
    }

    @Test
    void build_ulimits_processRlimitsWithUnlimitedAsMaxUint64() {
        JsonNode s = build(HostConfig.newBuilder().addAllUlimits(List.of(TestConfigs.ulimit("nofile", 100, 200),
                TestConfigs.ulimit("core", -1, -1))).build());

        JsonNode rl = s.at("/process/rlimits");
        assertEquals(2, rl.size());
        assertEquals("RLIMIT_NOFILE", rl.get(0).get("type").asText());
        assertEquals(100, rl.get(0).get("soft").asLong());
        assertEquals(200, rl.get(0).get("hard").asLong());
        assertEquals("RLIMIT_CORE", rl.get(1).get("type").asText());
        assertEquals("18446744073709551615", rl.get(1).get("hard").bigIntegerValue().toString());
        assertFalse(build(ContainerRecord.DEFAULT_HOST_CONFIG).get("process").has("rlimits"));
    }

    @Test
    void build_hostNetwork_noNetworkNamespace() {
        JsonNode s = build(HostConfig.newBuilder().setNetworkMode("host").build());
        List<String> ns = new ArrayList<>();
        s.at("/linux/namespaces").forEach(n -> ns.add(n.get("type").asText()));

        assertEquals(List.of("pid", "ipc", "uts", "mount"), ns);
        assertEquals("myhost", s.get("hostname").asText());
    }

    @Test
    void cgroupsPath_customParent_isAbsoluteParentSlashId() {
        EngineConfig cfg = new EngineConfig(Path.of("/d"), Path.of("/e"), "custom/parent/", Path.of("/r"),
                Path.of("/c"));
        assertEquals("/custom/parent/" + ID, new RuntimeSpecBuilder(cfg).cgroupsPath(ID));
    }

    @Test
    void createOptions_processFields() {
        JsonNode spec = build(HostConfig.newBuilder().setOomScoreAdj(-17).setInit(true)
                .addSecurityOpt("no-new-privileges=true").build());
        assertEquals(-17, spec.at("/process/oomScoreAdj").asInt());
        assertTrue(spec.at("/process/noNewPrivileges").asBoolean());
        assertEquals(List.of(InitBinary.IN_CONTAINER, "--", "/bin/sh", "-c", "echo hi"), texts(spec.at("/process/args")));
        boolean initMount = false;
        for (JsonNode m : spec.get("mounts")) {
            initMount |= m.get("destination").asText().equals(InitBinary.IN_CONTAINER)
                    && texts(m.get("options")).equals(List.of("bind", "ro"));
        }
        assertTrue(initMount, spec.get("mounts").toString());
    }

    @Test
    void seccomp_defaultUnlessUnconfinedOrPrivileged() {
        JsonNode def = build(HostConfig.getDefaultInstance()).at("/linux/seccomp");
        assertEquals("SCMP_ACT_ERRNO", def.get("defaultAction").asText());
        assertEquals(1, def.get("defaultErrnoRet").asInt());
        assertTrue(build(HostConfig.newBuilder().addSecurityOpt("seccomp=unconfined").build())
                .at("/linux/seccomp").isMissingNode());
        assertTrue(build(HostConfig.newBuilder().setPrivileged(true).build()).at("/linux/seccomp").isMissingNode());
        JsonNode custom = build(HostConfig.newBuilder().addSecurityOpt(
                "seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],"
                        + "\"action\":\"SCMP_ACT_ERRNO\"}]}").build()).at("/linux/seccomp");
        assertEquals("SCMP_ACT_ALLOW", custom.get("defaultAction").asText());
        assertEquals("mkdir", custom.at("/syscalls/0/names/0").asText());
    }

    @Test
    void namespaceModes_hostLeavesTheNamespaceOut_containerJoinsIt() {
        JsonNode host = build(HostConfig.newBuilder().setPidMode("host").setIpcMode("host").setUtsMode("host").build());
        List<String> types = new ArrayList<>();
        host.at("/linux/namespaces").forEach(n -> types.add(n.get("type").asText()));
        assertEquals(List.of("mount", "network"), types);
        assertTrue(host.at("/hostname").isMissingNode(), "runc refuses a hostname without a UTS namespace");
        EngineConfig cfg = new EngineConfig(Path.of("/data"), Path.of("/exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        JsonNode joined = new RuntimeSpecBuilder(cfg).build(record(HostConfig.newBuilder().setPidMode("container:a")
                        .setIpcMode("container:a").build()), new ExecUser(0, 0, List.of()),
                new NamespaceJoins("/proc/42/ns/pid", "/proc/42/ns/ipc", "donor", false));
        String nsJson = joined.at("/linux/namespaces").toString();
        assertTrue(nsJson.contains("{\"type\":\"pid\",\"path\":\"/proc/42/ns/pid\"}"), nsJson);
        assertTrue(nsJson.contains("{\"type\":\"ipc\",\"path\":\"/proc/42/ns/ipc\"}"), nsJson);
        boolean shm = false;
        for (JsonNode m : joined.get("mounts")) {
            shm |= m.get("destination").asText().equals("/dev/shm")
                    && m.get("source").asText().equals(cfg.bundle("donor").shm().toString());
        }
        assertTrue(shm, joined.get("mounts").toString());
    }

    @Test
    void network_ownNamespaceFileJoined_containerModeJoinsTheDonorsNamespaceHostnameAndEtcFiles() {
        EngineConfig cfg = new EngineConfig(Path.of("/data"), Path.of("/exec"), "/berth", Path.of("/usr/sbin/runc"),
                Path.of("/usr/bin/conmon"));
        JsonNode own = new RuntimeSpecBuilder(cfg).build(record(HostConfig.getDefaultInstance()),
                new ExecUser(0, 0, List.of()), NamespaceJoins.NONE.withNetPath("/exec/netns/abc"));
        assertTrue(own.at("/linux/namespaces").toString().contains("{\"type\":\"network\",\"path\":\"/exec/netns/abc\"}"),
                own.at("/linux/namespaces").toString());

        JsonNode joined = new RuntimeSpecBuilder(cfg).build(record(HostConfig.newBuilder()
                        .setNetworkMode("container:donor").build()), new ExecUser(0, 0, List.of()),
                new NamespaceJoins(null, null, null, false, "/proc/42/ns/net", "donor", "donorhost"));
        assertTrue(joined.at("/linux/namespaces").toString().contains(
                "{\"type\":\"network\",\"path\":\"/proc/42/ns/net\"}"), joined.at("/linux/namespaces").toString());
        assertEquals("donorhost", joined.get("hostname").asText());
        assertTrue(joined.at("/process/env").toString().contains("\"HOSTNAME=donorhost\""), joined.at("/process/env").toString());
        java.util.Map<String, String> sources = new java.util.HashMap<>();
        joined.get("mounts").forEach(m -> sources.put(m.get("destination").asText(), m.path("source").asText()));
        assertEquals("/data/containers/donor/hosts", sources.get("/etc/hosts"));
        assertEquals("/data/containers/donor/resolv.conf", sources.get("/etc/resolv.conf"));
        assertEquals("/data/containers/donor/hostname", sources.get("/etc/hostname"));
    }

    @Test
    void domainname_isTheKernelDomainnameSysctl_asDockerd() {
        ContainerRecord r = record(HostConfig.getDefaultInstance());
        r = new ContainerRecord(r.id(), r.name(), r.created(), r.path(), r.args(), r.config().toBuilder()
                .setDomainname("example.com").build(), r.hostConfig(), r.state(), r.image(), r.driver(), r.driverData(),
                r.rootfsMounts(), r.logPath(), r.hostnamePath(), r.hostsPath(), r.resolvConfPath(), 0, "linux",
                List.of());
        JsonNode spec = new RuntimeSpecBuilder(new EngineConfig(Path.of("/data"), Path.of("/exec"), "/berth",
                Path.of("/usr/sbin/runc"), Path.of("/usr/bin/conmon"))).build(r, new ExecUser(0, 0, List.of()));
        assertEquals("example.com", spec.at("/linux/sysctl/kernel.domainname").asText());
    }

    @Test
    void shmSize_sysctls_cgroupParent_resources() {
        JsonNode spec = build(HostConfig.newBuilder().setShmSize(1 << 20).putSysctls("net.core.somaxconn", "9")
                .setCgroupParent("mine").setMemoryBytes(64 << 20).setMemorySwap(-1).setMemoryReservation(8 << 20)
                .setMemorySwappiness(5).setOomKillDisable(true).setCpuRealtimePeriod(100000)
                .setCpuRealtimeRuntime(1000).addDeviceCgroupRules("c 1:* rw").build());
        String shm = "";
        for (JsonNode m : spec.get("mounts")) {
            if (m.get("destination").asText().equals("/dev/shm")) {
                shm = m.get("options").toString();
            }
        }
        assertTrue(shm.contains("size=1048576") && !shm.contains("65536k"), shm);
        assertEquals("9", spec.at("/linux/sysctl/net.core.somaxconn").asText());
        assertEquals("/mine/" + ID, spec.at("/linux/cgroupsPath").asText());
        JsonNode mem = spec.at("/linux/resources/memory");
        assertEquals(-1, mem.get("swap").asLong());
        assertEquals(8 << 20, mem.get("reservation").asLong());
        assertEquals(5, mem.get("swappiness").asLong());
        assertTrue(mem.get("disableOOMKiller").asBoolean());
        assertEquals(1000, spec.at("/linux/resources/cpu/realtimeRuntime").asLong());
        JsonNode devices = spec.at("/linux/resources/devices");
        JsonNode last = devices.get(devices.size() - 1);
        assertEquals("{\"allow\":true,\"type\":\"c\",\"major\":1,\"access\":\"rw\"}", last.toString());
    }

    @Test
    void devices_nodeAndAllowRule() {
        JsonNode spec = build(HostConfig.newBuilder().addDevices(HostConfig.DeviceMapping.newBuilder()
                .setPathOnHost("/dev/null").setPathInContainer("/dev/mynull").setCgroupPermissions("rw")).build());
        JsonNode node = spec.at("/linux/devices/0");
        assertEquals("/dev/mynull", node.get("path").asText());
        assertEquals("c", node.get("type").asText());
        assertEquals(1, node.get("major").asLong());
        assertEquals(3, node.get("minor").asLong());
        JsonNode devices = spec.at("/linux/resources/devices");
        assertEquals("{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rw\"}",
                devices.get(devices.size() - 1).toString());
    }
}
