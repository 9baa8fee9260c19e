package io.berth.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.engine.TestConfigs;
import io.berth.proto.engine.v1.ContainerConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMergerTest {
    private static final String ID = "0123456789abcdef".repeat(4);
    private static final ImageConfig IMAGE = ImageConfig.parse(("{\"config\":{\"Env\":[\"PATH=/img/bin\","
            + "\"A=image\",\"B=image\"],\"Cmd\":[\"img-cmd\",\"x\"],\"Entrypoint\":[\"/entry\"],"
            + "\"WorkingDir\":\"/img\",\"User\":\"nobody\",\"Labels\":{\"l1\":\"image\",\"l2\":\"image\"},"
            + "\"ExposedPorts\":{\"80/tcp\":{}},\"StopSignal\":\"SIGQUIT\"}}").getBytes(StandardCharsets.UTF_8));

    private static ContainerConfig req(List<String> cmd, List<String> entrypoint) {
        return TestConfigs.config("", "", "", false, true, true, false, false, false, List.of(), cmd, "img", "",
                entrypoint, Map.of(), "", null, List.of(), List.of(), false);
    }

    @Test
    void merge_nothingSet_takesImageEntrypointAndCmd() {
        ConfigMerger.Merged m = ConfigMerger.merge(req(null, null), IMAGE, ID);

        assertEquals("/entry", m.path());
        assertEquals(List.of("img-cmd", "x"), m.args());
        assertEquals(List.of("/entry"), TestConfigs.entrypoint(m.config()));
        assertEquals(List.of("img-cmd", "x"), TestConfigs.cmd(m.config()));
    }

    @Test
    void merge_requestCmd_replacesImageCmdKeepsEntrypoint() {
        ConfigMerger.Merged m = ConfigMerger.merge(req(List.of("echo", "hi"), null), IMAGE, ID);

        assertEquals("/entry", m.path());
        assertEquals(List.of("echo", "hi"), m.args());
    }

    @Test
    void merge_requestEntrypointWithoutCmd_ignoresImageCmd() {
        ConfigMerger.Merged m = ConfigMerger.merge(req(null, List.of("/bin/sh")), IMAGE, ID);

        assertEquals("/bin/sh", m.path());
        assertEquals(List.of(), m.args());
        assertNull(TestConfigs.cmd(m.config()));
    }

    @Test
    void merge_emptyStringEntrypointWithCmd_runsCmdOnly() {
        ConfigMerger.Merged m = ConfigMerger.merge(req(List.of("ls", "-l"), List.of("")), IMAGE, ID);

        assertEquals("ls", m.path());
        assertEquals(List.of("-l"), m.args());
        assertNull(TestConfigs.entrypoint(m.config()));
    }

    @Test
    void merge_emptyEntrypointAndNoCmd_throwsNoCommand() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ConfigMerger.merge(req(null, List.of()), IMAGE, ID));
        assertEquals("No command specified", e.getMessage());
    }

    @Test
    void merge_imageWithoutAnything_throwsNoCommand() {
        assertThrows(InvalidArgumentException.class, () -> ConfigMerger.merge(req(null, null), ImageConfig.empty(), ID));
    }

    @Test
    void merge_env_requestFirstImageKeysNotOverriddenThenNoExtraPath() {
        ContainerConfig r = TestConfigs.config("", "", "", false, true, true, false, false, false,
                List.of("A=req", "C=req"), List.of("x"), "img", "", null, Map.of(), "", null, List.of(), List.of(),
                false);

        ConfigMerger.Merged m = ConfigMerger.merge(r, IMAGE, ID);

        assertEquals(List.of("A=req", "C=req", "PATH=/img/bin", "B=image"), m.config().getEnvList());
    }

    @Test
    void merge_imageWithoutEnv_addsDefaultPath() {
        ConfigMerger.Merged m = ConfigMerger.merge(req(List.of("sh"), null), ImageConfig.empty(), ID);

        assertEquals(List.of("PATH=" + ConfigMerger.DEFAULT_PATH), m.config().getEnvList());
    }

    @Test
    void merge_defaults_hostnameIsShortIdAndImageFieldsFilledIn() {
        ContainerConfig r = TestConfigs.config("", "", "", false, true, true, false, false, false, List.of(),
                null, "img", "", null, Map.of("l2", "req", "l3", "req"), "", null, List.of("53/udp"), List.of(),
                false);

        ContainerConfig c = ConfigMerger.merge(r, IMAGE, ID).config();

        assertEquals("0123456789ab", c.getHostname());
        assertEquals("nobody", c.getUser());
        assertEquals("/img", c.getWorkingDir());
        assertEquals("SIGQUIT", c.getStopSignal());
        assertEquals(Map.of("l1", "image", "l2", "req", "l3", "req"), c.getLabelsMap());
        assertEquals(List.of("80/tcp", "53/udp"), c.getExposedPortsList());
    }

    @Test
    void merge_relativeWorkingDir_throwsInvalidArgument() {
        ContainerConfig r = TestConfigs.config("", "", "", false, true, true, false, false, false, List.of(),
                List.of("sh"), "img", "rel", null, Map.of(), "", null, List.of(), List.of(), false);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ConfigMerger.merge(r, IMAGE, ID));
        assertEquals("the working directory 'rel' is invalid, it needs to be an absolute path", e.getMessage());
    }

    @Test
    void parse_busyboxFixtureConfig_readsCmdAndNoEnv() {
        ImageConfig c = ImageConfig.parse(("{\"architecture\":\"amd64\",\"config\":{\"Env\":null,\"Cmd\":[\"sh\"],"
                + "\"Image\":\"\",\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null},"
                + "\"rootfs\":{\"type\":\"layers\"}}").getBytes(StandardCharsets.UTF_8));

        ConfigMerger.Merged m = ConfigMerger.merge(req(null, null), c, ID);

        assertEquals("sh", m.path());
        assertEquals(List.of("sh"), TestConfigs.cmd(m.config()));
        assertEquals(List.of("PATH=" + ConfigMerger.DEFAULT_PATH), m.config().getEnvList());
        assertNull(TestConfigs.entrypoint(m.config()));
        assertEquals(Map.of(), m.config().getLabelsMap());
    }

    @Test
    void healthcheck_requestsUnsetPartsComeFromTheImage() {
        var image = ConfigMerger.healthcheck(io.berth.common.json.Json.MAPPER.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("Test", io.berth.common.json.Json.MAPPER
                        .createArrayNode().add("CMD-SHELL").add("test -f /ok"))
                .put("Interval", 5_000_000_000L).put("Retries", 4));
        assertEquals(List.of("CMD-SHELL", "test -f /ok"), image.getTestList());
        var req = io.berth.proto.engine.v1.Healthcheck.newBuilder().setIntervalNanos(1_000_000_000L).build();
        var merged = ConfigMerger.mergeHealthcheck(req, image);
        assertEquals(List.of("CMD-SHELL", "test -f /ok"), merged.getTestList());
        assertEquals(1_000_000_000L, merged.getIntervalNanos());
        assertEquals(4, merged.getRetries());
        var none = io.berth.proto.engine.v1.Healthcheck.newBuilder().addTest("NONE").build();
        assertEquals(List.of("NONE"), ConfigMerger.mergeHealthcheck(none, image).getTestList());
        assertNull(ConfigMerger.mergeHealthcheck(null, null));
        assertNull(ConfigMerger.healthcheck(null));
    }
}
