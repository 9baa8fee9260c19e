package io.berth.engine.network.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.network.PortMapping;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NetworkSettings.Ports as moby's getPortMapInfo builds it. */
class PortMapTest {
    private static final ContainerConfig EXPOSED = ContainerConfig.newBuilder().addExposedPorts("80/tcp")
            .addExposedPorts("81/tcp").addExposedPorts("53/udp").build();
    private static final List<PortMapping> HELD = List.of(new PortMapping("tcp", 80, "", 8080),
            new PortMapping("udp", 53, "127.0.0.1", 5353));

    @Test
    void of_running_exposedNullAndPublishedBindings() {
        Map<String, PortBindings> m = PortMap.of(EXPOSED, HostConfig.getDefaultInstance(), true, HELD);

        assertEquals(List.of("53/udp", "80/tcp", "81/tcp"), List.copyOf(m.keySet()), "sorted as Go sorts keys");
        assertEquals(PortBindings.newBuilder().addBindings(PortBinding.newBuilder().setHostIp("0.0.0.0")
                .setHostPort("8080")).build(), m.get("80/tcp"));
        assertEquals(PortBindings.newBuilder().addBindings(PortBinding.newBuilder().setHostIp("127.0.0.1")
                .setHostPort("5353")).build(), m.get("53/udp"));
        assertEquals(PortBindings.getDefaultInstance(), m.get("81/tcp"), "exposed, not published");
    }

    @Test
    void of_notRunningOrNotOnABridge_empty() {
        assertEquals(Map.of(), PortMap.of(EXPOSED, HostConfig.getDefaultInstance(), false, HELD));
        for (String mode : List.of("host", "none", "container:x")) {
            assertEquals(Map.of(), PortMap.of(EXPOSED, HostConfig.newBuilder().setNetworkMode(mode).build(), true,
                    List.of()), mode);
        }
    }
}
