package io.berth.gateway.types.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.json.Json;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.NetworkSettings;
import io.berth.proto.engine.v1.PortBinding;
import io.berth.proto.engine.v1.PortBindings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The port maps of inspect and the Ports column of the list, as dockerd 20.10 writes them (IPv6 off). */
class PortMapsTest {
    private static PortBindings bindings(String... ipPort) {
        PortBindings.Builder b = PortBindings.newBuilder();
        for (int i = 0; i < ipPort.length; i += 2) {
            b.addBindings(PortBinding.newBuilder().setHostIp(ipPort[i]).setHostPort(ipPort[i + 1]));
        }
        return b.build();
    }

    private static final Container RUNNING = Container.newBuilder().setId("abc").setName("/web")
            .setNetworkSettings(NetworkSettings.newBuilder()
                    .putPorts("80/tcp", bindings("0.0.0.0", "8080"))
                    .putPorts("81/tcp", PortBindings.getDefaultInstance())
                    .putPorts("53/udp", bindings("127.0.0.1", "5353", "0.0.0.0", "32768")))
            .setHostConfig(HostConfig.newBuilder().putPortBindings("80/tcp", bindings("", "8080"))
                    .putPortBindings("53/udp", bindings("127.0.0.1", "5353", "", ""))
                    .putPortBindings("90/tcp", PortBindings.getDefaultInstance()).setPublishAllPorts(true))
            .build();

    @Test
    void inspect_networkSettingsPorts_dockerdShape() throws Exception {
        String json = Json.MAPPER.writeValueAsString(ContainerInspectMapper.of(RUNNING, -1).networkSettings());

        assertEquals("\"Ports\":{\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5353\"},{\"HostIp\":\"0.0.0.0\","
                + "\"HostPort\":\"32768\"}],\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"}],\"81/tcp\":null}",
                json.substring(json.indexOf("\"Ports\""), json.indexOf(",\"SandboxKey\"")));
    }

    @Test
    void inspect_hostConfigPortBindings_keptAsGiven() throws Exception {
        String json = Json.MAPPER.writeValueAsString(ContainerInspectMapper.of(RUNNING, -1).hostConfig());

        assertEquals("\"PortBindings\":{\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"5353\"},{\"HostIp\":\"\","
                + "\"HostPort\":\"\"}],\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}],\"90/tcp\":null}",
                json.substring(json.indexOf("\"PortBindings\""), json.indexOf(",\"RestartPolicy\"")));
        assertEquals(true, Json.MAPPER.readTree(json).get("PublishAllPorts").asBoolean());
    }

    @Test
    void inspect_stoppedContainer_emptyPorts() throws Exception {
        Container stopped = RUNNING.toBuilder().clearNetworkSettings().build();

        String json = Json.MAPPER.writeValueAsString(ContainerInspectMapper.of(stopped, -1).networkSettings());

        assertEquals("{}", Json.MAPPER.readTree(json).get("Ports").toString());
    }

    @Test
    void list_portsColumn_swaggerPortsWithOmitempty() throws Exception {
        String json = Json.MAPPER.writeValueAsString(ContainerSummaryMapper.of(RUNNING, Instant.EPOCH).ports());

        assertEquals("[{\"IP\":\"127.0.0.1\",\"PrivatePort\":53,\"PublicPort\":5353,\"Type\":\"udp\"},"
                + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":53,\"PublicPort\":32768,\"Type\":\"udp\"},"
                + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"},"
                + "{\"PrivatePort\":81,\"Type\":\"tcp\"}]", json);
    }

    @Test
    void list_noPorts_emptyArray() throws Exception {
        assertEquals("[]", Json.MAPPER.writeValueAsString(ContainerSummaryMapper.of(
                Container.newBuilder().setId("x").build(), Instant.EPOCH).ports()));
    }
}
