package io.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.engine.runtime.ExecUser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecProcessSpecTest {
    private static ObjectNode containerProcess() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"terminal\":false,\"user\":{\"uid\":5,\"gid\":5},"
                + "\"args\":[\"sleep\",\"1000\"],\"env\":[\"X=1\"],\"cwd\":\"/srv\",\"noNewPrivileges\":false,"
                + "\"capabilities\":{\"bounding\":[\"CAP_CHOWN\"]},\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\","
                + "\"hard\":10,\"soft\":10}]}");
    }

    @Test
    void keepsTheContainersProcess_withTheExecsArgsEnvCwdAndTerminal() throws Exception {
        ObjectNode p = containerProcess();
        ExecProcessSpec.apply(p, new ExecConfig("sh", List.of("-c", "id"), List.of("A=1"), "", "", false, true,
                true, true, true, new byte[0]), null);
        assertTrue(p.get("terminal").asBoolean());
        assertEquals("[\"sh\",\"-c\",\"id\"]", p.get("args").toString());
        assertEquals("[\"A=1\"]", p.get("env").toString());
        assertEquals("/", p.get("cwd").asText());
        assertEquals(5, p.get("user").get("uid").asInt(), "the container's user when the exec names none");
        assertEquals("[\"CAP_CHOWN\"]", p.get("capabilities").get("bounding").toString());
        assertEquals(1, p.get("rlimits").size());
    }

    @Test
    void user_andPrivileged_replaceTheContainers() throws Exception {
        ObjectNode p = containerProcess();
        ExecProcessSpec.apply(p, new ExecConfig("id", List.of(), List.of(), "nobody", "/tmp", true, false, false,
                true, true, new byte[0]), new ExecUser(65534, 65534, List.of(7)));
        assertEquals("{\"uid\":65534,\"gid\":65534,\"additionalGids\":[7]}", p.get("user").toString());
        assertEquals("/tmp", p.get("cwd").asText());
        assertFalse(p.get("terminal").asBoolean());
        for (String set : List.of("bounding", "effective", "permitted", "inheritable")) {
            assertTrue(p.get("capabilities").get(set).size() > 1, set);
        }
    }
}
