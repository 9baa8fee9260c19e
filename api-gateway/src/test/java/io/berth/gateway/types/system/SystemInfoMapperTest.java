package io.berth.gateway.types.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.json.Json;
import io.berth.gateway.BuildInfo;
import io.berth.common.cgroup.CgroupSupport;
import io.berth.gateway.host.NetworkSysctls;
import io.berth.gateway.host.SystemFacts;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.storage.v1.DriverStatus;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemInfoMapperTest {
    private static final CgroupSupport ALL = new CgroupSupport(true, true, true, true, true, true, true, true, true,
            true, true, true, true, true, true, true, true, true);
    private static final CgroupSupport NONE = new CgroupSupport(false, false, false, false, false, false, false,
            false, false, false, false, false, false, false, false, false, false, false);
    private static final GetStorageInfoResponse STORAGE = GetStorageInfoResponse.newBuilder().setDriver("overlay2")
            .addDriverStatus(DriverStatus.newBuilder().setKey("Backing Filesystem").setValue("extfs"))
            .addDriverStatus(DriverStatus.newBuilder().setKey("Supports d_type").setValue("true"))
            .setImages(2).setDataRoot("/var/lib/berth").build();
    private static final List<Container> ONE_RUNNING = List.of(Container.newBuilder()
            .setState(ContainerState.newBuilder().setRunning(true)).build());
    private static final Instant NOW = Instant.ofEpochSecond(1700000000, 123);

    private static SystemFacts facts(String cgroupVersion, CgroupSupport cgroups, NetworkSysctls net, int nfd,
                                     boolean debug, int listeners) {
        return new SystemFacts("vm", "6.18.44-test", "Debian GNU/Linux 12 (bookworm)", 25276203008L, 2,
                cgroupVersion, "amd64", "x86_64", cgroups, net, nfd, 3, debug, "json-file", listeners,
                List.of());
    }

    @Test
    void toSystemInfo_writesDockerdsFieldsInDockerdsOrder() {
        SystemInfo info = SystemInfoMapper.toSystemInfo(
                facts("1", ALL, new NetworkSysctls(true, true, true), 0, false, 0), ONE_RUNNING, STORAGE, NOW);
        assertEquals("{\"ID\":\"539b9cba-56b3-33bd-a2e0-bf93b748caef\",\"Containers\":1,\"ContainersRunning\":1,"
                + "\"ContainersPaused\":0,\"ContainersStopped\":0,\"Images\":2,\"Driver\":\"overlay2\","
                + "\"DriverStatus\":[[\"Backing Filesystem\",\"extfs\"],[\"Supports d_type\",\"true\"]],"
                + "\"Plugins\":{\"Volume\":[],\"Network\":[\"null\"],\"Authorization\":null,\"Log\":[\"json-file\",\"none\"]},"
                + "\"MemoryLimit\":true,\"SwapLimit\":true,\"KernelMemory\":true,\"KernelMemoryTCP\":true,"
                + "\"CpuCfsPeriod\":true,\"CpuCfsQuota\":true,\"CPUShares\":true,\"CPUSet\":true,\"PidsLimit\":true,"
                + "\"IPv4Forwarding\":true,\"BridgeNfIptables\":true,\"BridgeNfIp6tables\":true,"
                + "\"OomKillDisable\":true,\"Debug\":false,\"NFd\":0,\"NGoroutines\":3,"
                + "\"SystemTime\":\"2023-11-14T22:13:20.000000123Z\",\"LoggingDriver\":\"json-file\","
                + "\"CgroupDriver\":\"cgroupfs\",\"CgroupVersion\":\"1\",\"NEventsListener\":0,"
                + "\"KernelVersion\":\"6.18.44-test\",\"OperatingSystem\":\"Debian GNU/Linux 12 (bookworm)\","
                + "\"OSVersion\":\"\",\"OSType\":\"linux\",\"Architecture\":\"x86_64\","
                + "\"IndexServerAddress\":\"https://index.docker.io/v1/\",\"RegistryConfig\":{"
                + "\"AllowNondistributableArtifactsCIDRs\":[],\"AllowNondistributableArtifactsHostnames\":[],"
                + "\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\"],\"IndexConfigs\":{\"docker.io\":{\"Name\":\"docker.io\","
                + "\"Mirrors\":[],\"Secure\":true,\"Official\":true}},\"Mirrors\":[]},\"NCPU\":2,"
                + "\"MemTotal\":25276203008,\"GenericResources\":null,\"DockerRootDir\":\"/var/lib/berth\","
                + "\"HttpProxy\":\"\",\"HttpsProxy\":\"\",\"NoProxy\":\"\",\"Name\":\"vm\",\"Labels\":[],"
                + "\"ExperimentalBuild\":false,\"ServerVersion\":\"" + BuildInfo.VERSION + "\","
                + "\"Runtimes\":{\"runc\":{\"path\":\"runc\"}},\"DefaultRuntime\":\"runc\",\"Swarm\":{\"NodeID\":\"\","
                + "\"NodeAddr\":\"\",\"LocalNodeState\":\"inactive\",\"ControlAvailable\":false,\"Error\":\"\","
                + "\"RemoteManagers\":null},\"LiveRestoreEnabled\":false,\"Isolation\":\"\",\"InitBinary\":\"\","
                + "\"ContainerdCommit\":{\"ID\":\"\",\"Expected\":\"\"},\"RuncCommit\":{\"ID\":\"\",\"Expected\":\"\"},"
                + "\"InitCommit\":{\"ID\":\"\",\"Expected\":\"\"},\"SecurityOptions\":[],\"Warnings\":[]}\n",
                new String(Json.line(info), StandardCharsets.UTF_8));
    }

    @Test
    void toSystemInfo_reportsTheMeasuredDebugFdsAndListeners() {
        SystemInfo info = SystemInfoMapper.toSystemInfo(
                facts("1", ALL, new NetworkSysctls(true, true, true), 17, true, 2), ONE_RUNNING, STORAGE, NOW);
        assertTrue(info.debug());
        assertEquals(17, info.nfd());
        assertEquals(2, info.neventsListener());
    }

    @Test
    void toSystemInfo_v1HostWithNothing_warnsAsDockerdInItsOrder() {
        SystemInfo info = SystemInfoMapper.toSystemInfo(
                facts("1", NONE, new NetworkSysctls(false, false, false), 5, false, 0), ONE_RUNNING, STORAGE, NOW);
        assertEquals(List.of(
                "WARNING: No memory limit support",
                "WARNING: No swap limit support",
                "WARNING: No kernel memory TCP limit support",
                "WARNING: No oom kill disable support",
                "WARNING: No cpu cfs quota support",
                "WARNING: No cpu cfs period support",
                "WARNING: No cpu shares support",
                "WARNING: No cpuset support",
                "WARNING: No blkio throttle.read_bps_device support",
                "WARNING: No blkio throttle.write_bps_device support",
                "WARNING: No blkio throttle.read_iops_device support",
                "WARNING: No blkio throttle.write_iops_device support",
                "WARNING: IPv4 forwarding is disabled",
                "WARNING: bridge-nf-call-iptables is disabled",
                "WARNING: bridge-nf-call-ip6tables is disabled"), info.warnings());
        assertEquals(false, info.swapLimit());
        assertEquals(false, info.ipv4Forwarding());
        assertEquals(false, info.cpuCfsQuota());
    }

    @Test
    void toSystemInfo_v2HostWithNothing_skipsTheV1OnlyWarnings() {
        SystemInfo info = SystemInfoMapper.toSystemInfo(
                facts("2", NONE, new NetworkSysctls(true, true, true), 5, false, 0), ONE_RUNNING, STORAGE, NOW);
        assertEquals(List.of(
                "WARNING: No memory limit support",
                "WARNING: No swap limit support",
                "WARNING: No cpu cfs quota support",
                "WARNING: No cpu cfs period support",
                "WARNING: No cpu shares support",
                "WARNING: No cpuset support",
                "WARNING: No io.weight support",
                "WARNING: No io.weight (per device) support",
                "WARNING: No io.max (rbps) support",
                "WARNING: No io.max (wbps) support",
                "WARNING: No io.max (riops) support",
                "WARNING: No io.max (wiops) support"), info.warnings());
    }

    @Test
    void toSystemInfo_vfs_hasNullDriverStatusAsDockerd() {
        GetStorageInfoResponse vfs = GetStorageInfoResponse.newBuilder().setDriver("vfs").setDataRoot("/d").build();
        SystemInfo info = SystemInfoMapper.toSystemInfo(
                facts("1", ALL, new NetworkSysctls(true, true, true), 5, false, 0), List.of(), vfs, NOW);
        assertTrue(new String(Json.line(info), StandardCharsets.UTF_8).contains(
                "\"Driver\":\"vfs\",\"DriverStatus\":null,\"Plugins\""));
    }

    @Test
    void toSystemInfo_withoutDType_warnsAsDockerd() {
        GetStorageInfoResponse xfs = GetStorageInfoResponse.newBuilder().setDriver("overlay2")
                .addDriverStatus(DriverStatus.newBuilder().setKey("Backing Filesystem").setValue("xfs"))
                .addDriverStatus(DriverStatus.newBuilder().setKey("Supports d_type").setValue("false")).build();
        SystemInfo info = SystemInfoMapper.toSystemInfo(
                facts("1", ALL, new NetworkSysctls(true, true, true), 5, false, 0), List.of(), xfs, NOW);
        assertEquals(List.of("WARNING: overlay2: the backing xfs filesystem is formatted without d_type support, "
                + "which leads to incorrect behavior.\n"
                + "         Reformat the filesystem with ftype=1 to enable d_type support.\n"
                + "         Running without d_type support will not be supported in future releases."),
                info.warnings());
    }
}
