package io.berth.gateway.types.containers.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.CreateContainerRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCreateBindingTest {
    private static CreateContainerRequest parse(String name, String json) {
        return ContainerCreateBinding.bind(name, Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parse_cliBody_mapsConfigAndHostConfig() {
        CreateContainerRequest r = parse("web", "{\"Hostname\":\"\",\"AttachStdout\":true,\"AttachStderr\":true,"
                + "\"Tty\":false,\"Env\":[\"A=1\"],\"Cmd\":[\"echo\",\"hello\"],\"Image\":\"fixture/busybox:1\","
                + "\"Volumes\":{},\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{\"capture\":\"1\"},"
                + "\"ExposedPorts\":{\"80/tcp\":{}},\"StopTimeout\":5,"
                + "\"HostConfig\":{\"Binds\":null,\"LogConfig\":{\"Type\":\"\",\"Config\":{}},\"NetworkMode\":\"default\","
                + "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0},\"AutoRemove\":true,\"Memory\":1048576}}");
        assertEquals("web", r.getName());
        assertEquals("fixture/busybox:1", r.getConfig().getImage());
        assertEquals(List.of("echo", "hello"), r.getConfig().getCmd().getValuesList());
        assertFalse(r.getConfig().hasEntrypoint());
        assertEquals(List.of("A=1"), r.getConfig().getEnvList());
        assertEquals("1", r.getConfig().getLabelsOrThrow("capture"));
        assertEquals(List.of("80/tcp"), r.getConfig().getExposedPortsList());
        assertTrue(r.getConfig().getAttachStdout());
        assertEquals(5, r.getConfig().getStopTimeout());
        assertTrue(r.getHostConfig().getAutoRemove());
        assertEquals("default", r.getHostConfig().getNetworkMode());
        assertEquals("no", r.getHostConfig().getRestartPolicy());
        assertEquals(1048576, r.getHostConfig().getMemoryBytes());
    }

    @Test
    void parse_dockerJavaAllNulls_meansDefaults() {
        CreateContainerRequest r = parse("", "{\"Hostname\":null,\"Tty\":null,\"Env\":null,\"Cmd\":null,"
                + "\"Image\":\"busybox\",\"Labels\":null,\"StopTimeout\":null,\"HostConfig\":null}");
        assertEquals("busybox", r.getConfig().getImage());
        assertFalse(r.getConfig().getTty());
        assertFalse(r.getConfig().hasCmd());
        assertFalse(r.getConfig().hasStopTimeout());
        assertFalse(r.getHostConfig().getAutoRemove());
    }

    @Test
    void parse_stringCmdAndEmptyEntrypoint_followDockerRules() {
        CreateContainerRequest r = parse("", "{\"Image\":\"x\",\"Cmd\":\"echo hi\",\"Entrypoint\":[\"\"]}");
        assertEquals(List.of("echo hi"), r.getConfig().getCmd().getValuesList());
        assertTrue(r.getConfig().hasEntrypoint());
        assertEquals(0, r.getConfig().getEntrypoint().getValuesCount());
    }

    @Test
    void parse_fieldNamesMatchCaseInsensitively() {
        CreateContainerRequest r = parse("", "{\"image\":\"x\",\"cmd\":[\"true\"]}");
        assertEquals("x", r.getConfig().getImage());
        assertEquals(List.of("true"), r.getConfig().getCmd().getValuesList());
    }

    @Test
    void parse_wrongTypeOrEmptyBody_isInvalidArgument() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> parse("", "{\"Image\":\"x\",\"Tty\":\"yes\"}"));
        assertTrue(e.getMessage().contains("Tty"));
        InvalidArgumentException empty = assertThrows(InvalidArgumentException.class, () -> parse("", ""));
        assertEquals("config cannot be empty in order to create a container", empty.getMessage());
        assertThrows(InvalidArgumentException.class, () -> parse("", "{\"Image\":"));
    }
}
