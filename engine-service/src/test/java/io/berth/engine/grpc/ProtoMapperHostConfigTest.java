package io.berth.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.HostConfig;
import io.berth.engine.container.MountSpec;
import io.berth.engine.service.CreateRequest;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.CreateContainerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtoMapperHostConfigTest {
    private static final io.berth.proto.engine.v1.HostConfig PROTO = io.berth.proto.engine.v1.HostConfig.newBuilder()
            .setNetworkMode("host").setRestartPolicy("no").setMemoryBytes(1 << 30).setPidsLimit(64)
            .addBinds("/tmp/x:/x:ro").setPrivileged(true).setReadonlyRootfs(true)
            .addMounts(io.berth.proto.engine.v1.HostConfig.Mount.newBuilder().setType("tmpfs").setTarget("/t")
                    .setTmpfsSizeBytes(1 << 20).setTmpfsMode(0755))
            .addMounts(io.berth.proto.engine.v1.HostConfig.Mount.newBuilder().setType("bind").setSource("/opt")
                    .setTarget("/o").setReadOnly(true).setPropagation("rslave").setNonRecursive(true))
            .putTmpfs("/run", "size=64m").addCapAdd("NET_ADMIN").addCapDrop("ALL").setNanoCpus(500_000_000L)
            .setCpuQuota(1).setCpuPeriod(2).setCpusetCpus("0-1").setCpusetMems("0")
            .addUlimits(io.berth.proto.engine.v1.HostConfig.Ulimit.newBuilder().setName("nofile").setSoft(100)
                    .setHard(200))
            .addDns("1.1.1.1").addDnsSearch("example.com").addDnsOptions("ndots:2").addExtraHosts("a:1.2.3.4")
            .build();

    @Test
    void toDomain_everyHostConfigField() {
        CreateRequest r = ProtoMapper.toDomain(CreateContainerRequest.newBuilder()
                .setConfig(ContainerConfig.newBuilder().setImage("img")).setHostConfig(PROTO).build());

        HostConfig hc = r.hostConfig();
        assertEquals("host", hc.networkMode());
        assertEquals(List.of("/tmp/x:/x:ro"), hc.binds());
        assertEquals(List.of(new MountSpec("tmpfs", "", "/t", false, "", false, 1 << 20, 0755),
                new MountSpec("bind", "/opt", "/o", true, "rslave", true, 0, 0)), hc.mounts());
        assertEquals(Map.of("/run", "size=64m"), hc.tmpfs());
        assertEquals(List.of("NET_ADMIN"), hc.capAdd());
        assertEquals(List.of("ALL"), hc.capDrop());
        assertEquals(500_000_000L, hc.nanoCpus());
        assertEquals(1, hc.cpuQuota());
        assertEquals(2, hc.cpuPeriod());
        assertEquals("0-1", hc.cpusetCpus());
        assertEquals("0", hc.cpusetMems());
        assertEquals(List.of(new HostConfig.Ulimit("nofile", 100, 200)), hc.ulimits());
        assertEquals(List.of("1.1.1.1"), hc.dns());
        assertEquals(List.of("example.com"), hc.dnsSearch());
        assertEquals(List.of("ndots:2"), hc.dnsOptions());
        assertEquals(List.of("a:1.2.3.4"), hc.extraHosts());
    }

    @Test
    void toProto_roundTripsTheHostConfig() {
        HostConfig hc = ProtoMapper.toDomain(CreateContainerRequest.newBuilder().setHostConfig(PROTO).build())
                .hostConfig();
        ContainerRecord rec = new ContainerRecord("ab".repeat(32), "/web", Instant.EPOCH, "sh", List.of(),
                io.berth.engine.container.ContainerConfig.of("img", null), hc, ContainerState.created(), "sha256:x",
                "vfs", null, null, "/l", "/h", "/hs", "/r", 0, "linux");

        assertEquals(PROTO, ProtoMapper.toProto(rec).getHostConfig());
    }
}
