package io.berth.gateway.types.containers.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.EndpointConfig;
import org.junit.jupiter.api.Test;

/** {@link NetworkingConfig} through {@link ContainerCreateBinding#bind}: what the CLI and docker-py send. */
class NetworkingConfigTest {
    @Test
    void cliRun_networkIpAlias_reachTheEngine() {
        // docker run --network app --ip 10.0.0.9 --network-alias www busybox (CLI 28 at API 1.41)
        CreateContainerRequest r = ContainerCreateBinding.bind("web", Json.parse(("{\"Image\":\"busybox\","
                + "\"HostConfig\":{\"NetworkMode\":\"app\"},\"NetworkingConfig\":{\"EndpointsConfig\":{\"app\":"
                + "{\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.9\"},\"Links\":null,\"Aliases\":[\"www\"],"
                + "\"MacAddress\":\"\",\"DriverOpts\":null,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\","
                + "\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\","
                + "\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}}}").getBytes()));

        assertEquals("app", r.getHostConfig().getNetworkMode());
        assertEquals(EndpointConfig.newBuilder().setIpv4Address("10.0.0.9").addAliases("www").build(),
                r.getEndpointsConfigMap().get("app"));
    }

    @Test
    void missingOrNullNetworkingConfig_noEndpoints() {
        assertTrue(ContainerCreateBinding.bind("", Json.parse("{\"Image\":\"b\"}".getBytes()))
                .getEndpointsConfigMap().isEmpty());
        assertTrue(ContainerCreateBinding.bind("", Json.parse(("{\"Image\":\"b\",\"NetworkingConfig\":"
                + "{\"EndpointsConfig\":null}}").getBytes())).getEndpointsConfigMap().isEmpty());
    }

    @Test
    void wrongJsonType_isGos400() {
        assertThrows(InvalidArgumentException.class, () -> ContainerCreateBinding.bind("", Json.parse(
                "{\"Image\":\"b\",\"NetworkingConfig\":{\"EndpointsConfig\":{\"x\":{\"Aliases\":\"a\"}}}}"
                        .getBytes())));
    }
}
