package io.berth.engine.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerState;
import io.berth.engine.network.ContainerNetworkConfigs;
import io.berth.engine.network.ContainerNetworks;
import io.berth.engine.network.DefaultBridge;
import io.berth.engine.network.EndpointSettings;
import io.berth.engine.network.ports.HostPortReservations;
import io.berth.proto.engine.v1.NetworkSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NetworkSettingsMapper} of containers that are not running (no endpoint record needed). */
class NetworkSettingsMapperTest {
    static final String CID = "a".repeat(64);
    @TempDir
    Path dir;

    @Test
    void createdOnAUserNetwork_showsItWhileConfigured_notAfterADisconnect() {
        ContainerNetworkConfigs configs = new ContainerNetworkConfigs(dir);
        NetworkSettingsMapper mapper = new NetworkSettingsMapper(mock(ContainerNetworks.class),
                mock(DefaultBridge.class), mock(HostPortReservations.class), configs);
        ContainerRecord r = new ContainerRecord(CID, "/web", Instant.EPOCH, "sh", List.of(),
                TestConfigs.config("img", List.of("sh")),
                ContainerRecord.DEFAULT_HOST_CONFIG.toBuilder().setNetworkMode("proj_default").build(),
                ContainerState.created(), "sha256:x", "vfs", null, null, "/l", "/h", "/hs", "/r", 0, "linux",
                List.of());
        configs.save(CID, List.of(new EndpointSettings("n".repeat(64), "proj_default", null, null, List.of("web"),
                null)));

        NetworkSettings configured = mapper.of(r);
        assertEquals(1, configured.getNetworksCount());
        assertEquals("proj_default", configured.getNetworks(0).getNetworkName());
        assertEquals(List.of("web"), configured.getNetworks(0).getAliasesList());

        configs.save(CID, List.of());
        assertEquals(0, mapper.of(r).getNetworksCount(), "disconnected: Networks {} as dockerd");
    }
}
