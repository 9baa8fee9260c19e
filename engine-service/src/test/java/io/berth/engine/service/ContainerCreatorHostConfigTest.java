package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create with HostConfig options: refused ones leave nothing behind; accepted ones are kept for inspect. */
class ContainerCreatorHostConfigTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;

    @BeforeEach
    void setUp() {
        m = new MockedEngineAccess(tmp);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private ContainerRecord create(String name, HostConfig hc) {
        return m.get(ContainerCreator.class).create(new CreateRequest(name,
                TestConfigs.config(MockedEngineAccess.IMAGE, List.of("true")), hc));
    }

    @Test
    void create_badVolumeName_400AndNothingLeftBehind() throws IOException {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> create("web", HostConfig.newBuilder().addAllBinds(List.of("cap$vol:/data")).build()));

        assertTrue(e.getMessage().startsWith("create cap$vol: \"cap$vol\" includes invalid characters"),
                e.getMessage());
        verify(m.images, never()).resolve(anyString());
        verify(m.snapshots, never()).prepare(anyString(), any());
        verify(m.events, never()).publish(anyString(), anyString(), anyString(), anyMap(), anyLong());
        assertEquals(List.of(), new ContainerRecordFiles(m.config).loadAll());
        assertTrue(!Files.exists(m.config.containersDir()) || Files.list(m.config.containersDir()).findAny().isEmpty());
        assertEquals("/web", create("web", ContainerRecord.DEFAULT_HOST_CONFIG).name());
    }

    @Test
    void create_hostNetwork_hostnameIsTheHosts() throws IOException {
        ContainerRecord r = create("", HostConfig.newBuilder().setNetworkMode("host").build());

        assertEquals(String.join("", Files.readAllLines(Path.of("/proc/sys/kernel/hostname"))).trim(),
                r.config().getHostname());
        ContainerRecord own = create("", ContainerRecord.DEFAULT_HOST_CONFIG);
        assertEquals(own.id().substring(0, 12), own.config().getHostname());
    }

    @Test
    void create_implementedOptions_keptInTheRecord() {
        HostConfig hc = HostConfig.newBuilder().addAllBinds(List.of("/tmp/x:/x:ro")).addAllCapDrop(List.of("ALL"))
                .setNanoCpus(500_000_000L).addAllUlimits(List.of(TestConfigs.ulimit("nofile", 100, 100)))
                .addAllDns(List.of("1.1.1.1")).addAllExtraHosts(List.of("a:1.2.3.4")).build();

        ContainerRecord r = create("", hc);

        assertEquals(hc.toBuilder().setLogDriver("json-file").build(), r.hostConfig(), "the daemon's default driver");
        assertEquals(List.of(r), new ContainerRecordFiles(m.config).loadAll());
    }

    @Test
    void macAddress_dockerdsChecks() {
        ContainerCreator.macAddress(io.berth.proto.engine.v1.HostConfig.getDefaultInstance(), "");
        ContainerCreator.macAddress(io.berth.proto.engine.v1.HostConfig.getDefaultInstance(), "02:42:ac:11:00:09");
        assertEquals("invalid MAC address: 02:42", assertThrows(InvalidArgumentException.class,
                () -> ContainerCreator.macAddress(io.berth.proto.engine.v1.HostConfig.getDefaultInstance(), "02:42"))
                .getMessage());
        assertEquals("conflicting options: mac-address and the network mode", assertThrows(
                InvalidArgumentException.class, () -> ContainerCreator.macAddress(io.berth.proto.engine.v1.HostConfig
                        .newBuilder().setNetworkMode("host").build(), "02:42:ac:11:00:09")).getMessage());
    }
}
