package io.berth.gateway.types.containers.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.CreateContainerRequest;
import io.berth.proto.engine.v1.HostConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void parse_singleEmptyStringEntrypointAndCmd_areOneEmptyElement() {
        CreateContainerRequest r = parse("", "{\"Image\":\"x\",\"Cmd\":\"\",\"Entrypoint\":\"\"}");
        assertEquals(List.of(""), r.getConfig().getCmd().getValuesList());
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

    @Test
    void bind_hostConfigNamesMatchCaseInsensitivelyAtEveryLevel() {
        CreateContainerRequest r = parse("", "{\"image\":\"x\",\"hostconfig\":{\"autoremove\":true,\"MEMORY\":5,"
                + "\"restartpolicy\":{\"name\":\"no\",\"maximumretrycount\":2},\"logconfig\":{\"type\":\"json-file\","
                + "\"config\":{\"max-size\":\"1m\"}},\"mounts\":[{\"type\":\"bind\",\"source\":\"/a\",\"target\":\"/b\","
                + "\"readonly\":true,\"bindoptions\":{\"propagation\":\"rslave\"}}],"
                + "\"ulimits\":[{\"name\":\"nofile\",\"soft\":1,\"hard\":2}],\"capadd\":[\"NET_ADMIN\"]}}");
        HostConfig h = r.getHostConfig();
        assertTrue(h.getAutoRemove());
        assertEquals(5, h.getMemoryBytes());
        assertEquals("no", h.getRestartPolicy());
        assertEquals(2, h.getRestartMaxRetries());
        assertEquals("json-file", h.getLogDriver());
        assertEquals(Map.of("max-size", "1m"), h.getLogOptionsMap());
        assertEquals(HostConfig.Mount.newBuilder().setType("bind").setSource("/a").setTarget("/b").setReadOnly(true)
                .setPropagation("rslave").build(), h.getMounts(0));
        assertEquals(HostConfig.Ulimit.newBuilder().setName("nofile").setSoft(1).setHard(2).build(), h.getUlimits(0));
        assertEquals(List.of("NET_ADMIN"), h.getCapAddList());
    }

    @Test
    void bind_refusedOptionsMatchCaseInsensitivelyToo() {
        NotImplementedException e = assertThrows(NotImplementedException.class,
                () -> parse("", "{\"Image\":\"x\",\"hostconfig\":{\"storageopt\":{\"size\":\"1G\"}}}"));
        assertEquals("berth does not support --storage-opt (storage options per container) yet", e.getMessage());
    }

    @Test
    void bind_createOptions_reachTheEngineRequest() {
        HostConfig h = parse("", "{\"Image\":\"x\",\"OnBuild\":[\"RUN x\"],\"HostConfig\":{\"Init\":true,"
                + "\"MemorySwap\":-1,\"MemoryReservation\":7,\"KernelMemory\":8,\"MemorySwappiness\":-1,"
                + "\"OomKillDisable\":true,\"OomScoreAdj\":-5,\"CpuRealtimePeriod\":9,\"CpuRealtimeRuntime\":3,"
                + "\"BlkioWeight\":300,\"BlkioWeightDevice\":[{\"Path\":\"/dev/vda\",\"Weight\":20}],"
                + "\"BlkioDeviceReadBps\":[{\"Path\":\"/dev/vda\",\"Rate\":18446744073709551615}],"
                + "\"SecurityOpt\":[\"no-new-privileges\"],\"Devices\":[{\"PathOnHost\":\"/dev/null\","
                + "\"PathInContainer\":\"/dev/n\",\"CgroupPermissions\":\"rw\"}],\"DeviceCgroupRules\":[\"c 1:3 r\"],"
                + "\"GroupAdd\":[\"10\"],\"ShmSize\":1024,\"Sysctls\":{\"net.a\":\"1\"},\"IpcMode\":\"shareable\","
                + "\"PidMode\":\"host\",\"UTSMode\":\"host\",\"Runtime\":\"runc\",\"CgroupParent\":\"p\"}}")
                .getHostConfig();
        assertTrue(h.hasInit() && h.getInit());
        assertEquals(-1, h.getMemorySwap());
        assertEquals(7, h.getMemoryReservation());
        assertEquals(8, h.getKernelMemory());
        assertFalse(h.hasMemorySwappiness(), "-1 is the kernel's default");
        assertTrue(h.getOomKillDisable());
        assertEquals(-5, h.getOomScoreAdj());
        assertEquals(9, h.getCpuRealtimePeriod());
        assertEquals(3, h.getCpuRealtimeRuntime());
        assertEquals(300, h.getBlkioWeight());
        assertEquals(20, h.getBlkioWeightDevice(0).getWeight());
        assertEquals(-1L, h.getBlkioDeviceReadBps(0).getRate(), "2^64-1 in uint64 bits");
        assertEquals(List.of("no-new-privileges"), h.getSecurityOptList());
        assertEquals("/dev/n", h.getDevices(0).getPathInContainer());
        assertEquals(List.of("c 1:3 r"), h.getDeviceCgroupRulesList());
        assertEquals(List.of("10"), h.getGroupAddList());
        assertEquals(1024, h.getShmSize());
        assertEquals(Map.of("net.a", "1"), h.getSysctlsMap());
        assertEquals("shareable", h.getIpcMode());
        assertEquals("host", h.getPidMode());
        assertEquals("host", h.getUtsMode());
        assertEquals("runc", h.getRuntime());
        assertEquals("p", h.getCgroupParent());
    }

    @Test
    void bind_numbersPastTheirGoType_areGosError() {
        InvalidArgumentException big = assertThrows(InvalidArgumentException.class,
                () -> parse("", "{\"Image\":\"x\",\"HostConfig\":{\"Memory\":18446744073709551616}}"));
        assertEquals("json: cannot unmarshal number 18446744073709551616 into Go struct field HostConfig.Memory"
                + " of type int64", big.getMessage());
        InvalidArgumentException neg = assertThrows(InvalidArgumentException.class,
                () -> parse("", "{\"Image\":\"x\",\"HostConfig\":{\"BlkioWeight\":65536}}"));
        assertEquals("json: cannot unmarshal number 65536 into Go struct field HostConfig.BlkioWeight of type uint16",
                neg.getMessage());
        InvalidArgumentException nested = assertThrows(InvalidArgumentException.class,
                () -> parse("", "{\"Image\":\"x\",\"HostConfig\":{\"Ulimits\":[{\"Name\":\"nofile\","
                        + "\"Soft\":9223372036854775808,\"Hard\":1}]}}"));
        assertEquals("json: cannot unmarshal number 9223372036854775808 into Go struct field Ulimit.Soft of type int64",
                nested.getMessage());
        InvalidArgumentException top = assertThrows(InvalidArgumentException.class,
                () -> parse("", "{\"Image\":\"x\",\"StopTimeout\":4294967296}"));
        assertTrue(top.getMessage().contains("Go struct field ContainerConfigWrapper.StopTimeout of type int"));
    }

    @Test
    void bind_consoleSize_isHeightWidthAsGoDecodesATwoElementArray() {
        assertEquals(List.of(41L, 137L), parse("", "{\"Image\":\"x\",\"Tty\":true,"
                + "\"HostConfig\":{\"ConsoleSize\":[41,137]}}").getHostConfig().getConsoleSizeList());
        assertEquals(List.of(), parse("", "{\"Image\":\"x\",\"HostConfig\":{\"ConsoleSize\":null}}")
                .getHostConfig().getConsoleSizeList(), "null: not sent");
        assertEquals(List.of(7L, 0L), parse("", "{\"Image\":\"x\",\"HostConfig\":{\"ConsoleSize\":[7]}}")
                .getHostConfig().getConsoleSizeList(), "a missing entry is 0");
        assertEquals(List.of(1L, 2L), parse("", "{\"Image\":\"x\",\"HostConfig\":{\"ConsoleSize\":[1,2,3]}}")
                .getHostConfig().getConsoleSizeList(), "Go ignores entries past an array's length");
        assertEquals(List.of(-1L, 0L), parse("", "{\"Image\":\"x\",\"HostConfig\":{\"ConsoleSize\":"
                + "[18446744073709551615,0]}}").getHostConfig().getConsoleSizeList(), "2^64-1 in uint64 bits");
        InvalidArgumentException neg = assertThrows(InvalidArgumentException.class,
                () -> parse("", "{\"Image\":\"x\",\"HostConfig\":{\"ConsoleSize\":[-1,80]}}"));
        assertEquals("json: cannot unmarshal number -1 into Go struct field HostConfig.ConsoleSize of type uint",
                neg.getMessage());
    }

    @Test
    void bind_nullsAtEveryLevel_areZeroValues() {
        CreateContainerRequest r = parse("", "{\"Image\":\"x\",\"User\":null,\"Entrypoint\":null,"
                + "\"ExposedPorts\":{\"80/tcp\":null},\"Volumes\":null,\"HostConfig\":{\"RestartPolicy\":null,"
                + "\"LogConfig\":{\"Type\":null,\"Config\":null},\"Memory\":null,\"PidsLimit\":null,\"Binds\":null,"
                + "\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"Source\":null,\"ReadOnly\":null,"
                + "\"BindOptions\":null,\"TmpfsOptions\":null}],\"Ulimits\":null,\"Tmpfs\":null}}");
        assertEquals("", r.getConfig().getUser());
        assertFalse(r.getConfig().hasEntrypoint());
        assertEquals(List.of("80/tcp"), r.getConfig().getExposedPortsList());
        assertEquals(HostConfig.newBuilder().addMounts(HostConfig.Mount.newBuilder().setType("tmpfs").setTarget("/t"))
                .build(), r.getHostConfig());
    }

    @Test
    void bind_unknownFieldsAreIgnored() {
        CreateContainerRequest r = parse("", "{\"Image\":\"x\",\"NoSuchField\":{\"a\":[1]},"
                + "\"NetworkingConfig\":{\"EndpointsConfig\":{}},\"HostConfig\":{\"Whatever\":1,\"Memory\":7}}");
        assertEquals("x", r.getConfig().getImage());
        assertEquals(7, r.getHostConfig().getMemoryBytes());
    }

    @Test
    void bind_wrongJsonTypes_are400NamingTheFieldWhatItMustBeAndWhatItWas() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"Tty\":\"yes\"}", "Tty must be a boolean, got string \"yes\"");
        cases.put("{\"AttachStdin\":1}", "AttachStdin must be a boolean, got number 1");
        cases.put("{\"Image\":5}", "Image must be a string, got number 5");
        cases.put("{\"User\":true}", "User must be a string, got boolean true");
        cases.put("{\"StopTimeout\":\"5\"}", "StopTimeout must be an integer, got string \"5\"");
        cases.put("{\"Env\":\"A=1\"}", "Env must be an array of strings, got string \"A=1\"");
        cases.put("{\"Env\":[\"A=1\",null]}", "Env[1] must be a string, got null");
        cases.put("{\"Env\":[\"A=1\",2]}", "Env[1] must be a string, got number 2");
        cases.put("{\"Cmd\":5}", "Cmd must be a string or an array of strings, got number 5");
        cases.put("{\"Labels\":{\"a\":1}}", "Labels.a must be a string, got number 1");
        cases.put("{\"Labels\":[]}", "Labels must be an object, got array []");
        cases.put("{\"HostConfig\":[]}", "HostConfig must be an object, got array []");
        cases.put("{\"HostConfig\":{\"Memory\":1.5}}", "HostConfig.Memory must be an integer, got number 1.5");
        cases.put("{\"HostConfig\":{\"Memory\":\"1g\"}}", "HostConfig.Memory must be an integer, got string \"1g\"");
        cases.put("{\"HostConfig\":{\"Binds\":\"/a:/b\"}}",
                "HostConfig.Binds must be an array of strings, got string \"/a:/b\"");
        cases.put("{\"HostConfig\":{\"RestartPolicy\":\"always\"}}",
                "HostConfig.RestartPolicy must be an object, got string \"always\"");
        cases.put("{\"hostconfig\":{\"mounts\":[{\"type\":\"bind\",\"readonly\":\"yes\"}]}}",
                "HostConfig.Mounts[0].ReadOnly must be a boolean, got string \"yes\"");
        cases.put("{\"HostConfig\":{\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":\"a\"}]}}",
                "HostConfig.Ulimits[0].Soft must be an integer, got string \"a\"");
        cases.put("{\"HostConfig\":{\"Mounts\":[null]}}", "HostConfig.Mounts[0] must be an object, got null");
        cases.forEach((body, message) -> {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> parse("", body), body);
            assertEquals("invalid JSON in request body: " + message, e.getMessage(), body);
        });
    }
}
