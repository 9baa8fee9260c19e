package io.berth.gateway.types.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.types.v1.StringList;
import org.junit.jupiter.api.Test;

class ContainerInspectMapperTest {
    private static JsonNode inspect(Container c, long sizeRw) {
        return Json.MAPPER.valueToTree(ContainerInspectMapper.of(c, sizeRw));
    }

    @Test
    void of_namesPlatformSizeAndSandboxKey() {
        Container c = Container.newBuilder().setId("abc").setName("web").setDriver("vfs")
                .setState(ContainerState.newBuilder().setStatus("running").setRunning(true).setPid(42)
                        .setStartedAt(Timestamp.newBuilder().setSeconds(1).setNanos(500_000_000)))
                .setNetworkSettings(io.berth.proto.engine.v1.NetworkSettings.newBuilder()
                        .setSandboxKey("/run/berth/netns/abc").setSandboxId("5a".repeat(32))
                        .addNetworks(io.berth.proto.engine.v1.EndpointSettings.newBuilder().setNetworkName("bridge")
                                .setNetworkId("ne".repeat(32)).setEndpointId("e1".repeat(32))
                                .setIpAddress("172.18.0.2").setIpPrefixLen(16).setGateway("172.18.0.1")
                                .setMacAddress("02:42:ac:12:00:02")))
                .build();

        JsonNode j = inspect(c, 7);

        assertEquals("/web", j.get("Name").asText());
        assertEquals("linux", j.get("Platform").asText());
        assertEquals(7, j.get("SizeRw").asLong());
        JsonNode ns = j.get("NetworkSettings");
        assertEquals("/run/berth/netns/abc", ns.get("SandboxKey").asText());
        assertEquals("5a".repeat(32), ns.get("SandboxID").asText());
        assertEquals("172.18.0.2", ns.get("IPAddress").asText());
        assertEquals(16, ns.get("IPPrefixLen").asInt());
        assertEquals("172.18.0.1", ns.get("Gateway").asText());
        assertEquals("02:42:ac:12:00:02", ns.get("MacAddress").asText());
        assertEquals("e1".repeat(32), ns.get("EndpointID").asText());
        assertEquals("", ns.get("Bridge").asText());
        JsonNode bridge = ns.get("Networks").get("bridge");
        assertEquals("ne".repeat(32), bridge.get("NetworkID").asText());
        assertEquals("172.18.0.2", bridge.get("IPAddress").asText());
        assertTrue(bridge.get("IPAMConfig").isNull());
        assertTrue(bridge.get("Aliases").isNull());
        assertTrue(bridge.get("DriverOpts").isNull());
        assertEquals("", bridge.get("GlobalIPv6Address").asText());
        assertEquals("1970-01-01T00:00:01.5Z", j.get("State").get("StartedAt").asText());
        assertEquals("0001-01-01T00:00:00Z", j.get("State").get("FinishedAt").asText());
        assertTrue(j.get("GraphDriver").get("Data").isNull());
        assertEquals("vfs", j.get("GraphDriver").get("Name").asText());
        assertFalse(inspect(c, -1).has("SizeRw"));
        JsonNode empty = inspect(Container.getDefaultInstance(), -1).get("NetworkSettings");
        assertEquals("", empty.get("SandboxKey").asText());
        assertEquals("", empty.get("IPAddress").asText());
        assertEquals(0, empty.get("Networks").size());
    }

    @Test
    void hostConfig_consoleSize_asSentElseZeroZero() {
        JsonNode sent = Json.MAPPER.valueToTree(ContainerInspectMapper.hostConfig(
                io.berth.proto.engine.v1.HostConfig.newBuilder().addConsoleSize(41).addConsoleSize(-1).build()));
        assertEquals("[41,18446744073709551615]", sent.get("ConsoleSize").toString());
        JsonNode none = Json.MAPPER.valueToTree(ContainerInspectMapper.hostConfig(
                io.berth.proto.engine.v1.HostConfig.getDefaultInstance()));
        assertEquals("[0,0]", none.get("ConsoleSize").toString());
    }

    @Test
    void hostConfig_links_asTheEngineResolvedThem_elseNull() {
        JsonNode linked = Json.MAPPER.valueToTree(ContainerInspectMapper.hostConfig(
                io.berth.proto.engine.v1.HostConfig.newBuilder().addLinks("/db:/web/dbalias").build()));
        assertEquals("[\"/db:/web/dbalias\"]", linked.get("Links").toString());
        JsonNode none = Json.MAPPER.valueToTree(ContainerInspectMapper.hostConfig(
                io.berth.proto.engine.v1.HostConfig.getDefaultInstance()));
        assertTrue(none.get("Links").isNull());
    }

    @Test
    void config_unsetListsAreNullAndOmitemptyFieldsLeftOut() {
        JsonNode none = Json.MAPPER.valueToTree(ContainerInspectMapper.config(ContainerConfig.newBuilder()
                .setEntrypoint(StringList.getDefaultInstance()).build()));
        assertTrue(none.get("Cmd").isNull());
        assertTrue(none.get("Entrypoint").isNull());
        assertTrue(none.get("Env").isNull());
        assertTrue(none.get("Volumes").isNull());
        assertEquals("{}", none.get("Labels").toString());
        assertFalse(none.has("ExposedPorts") || none.has("StopSignal") || none.has("StopTimeout")
                || none.has("NetworkDisabled"));

        JsonNode set = Json.MAPPER.valueToTree(ContainerInspectMapper.config(ContainerConfig.newBuilder()
                .setCmd(StringList.newBuilder().addValues("sh")).addExposedPorts("80/tcp").setStopTimeout(0)
                .putLabels("b", "2").putLabels("a", "1").build()));
        assertEquals("[\"sh\"]", set.get("Cmd").toString());
        assertEquals("{\"80/tcp\":{}}", set.get("ExposedPorts").toString());
        assertEquals(0, set.get("StopTimeout").asInt());
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", set.get("Labels").toString());
    }
}
