package io.berth.gateway.types.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.InspectExecResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GET /exec/{id}/json in dockerd 20.10's exact shape. */
class ExecInspectTest {
    @Test
    void beforeStart_exitCodeIsNull_userLeftOutWhenEmpty_detachKeysBase64() {
        InspectExecResponse r = InspectExecResponse.newBuilder().setId("e1").setEntrypoint("true")
                .setOpenStdout(true).setOpenStderr(true).setContainerId("c1")
                .setDetachKeys(ByteString.copyFrom(new byte[] {16, 17})).build();
        assertEquals("{\"ID\":\"e1\",\"Running\":false,\"ExitCode\":null,\"ProcessConfig\":{\"tty\":false,"
                + "\"entrypoint\":\"true\",\"arguments\":[],\"privileged\":false},\"OpenStdin\":false,"
                + "\"OpenStderr\":true,\"OpenStdout\":true,\"CanRemove\":false,\"ContainerID\":\"c1\","
                + "\"DetachKeys\":\"EBE=\",\"Pid\":0}\n",
                new String(Json.line(ExecInspect.of(r)), StandardCharsets.UTF_8));
    }

    @Test
    void afterExit_hasTheCodeThePidAndTheUser() {
        InspectExecResponse r = InspectExecResponse.newBuilder().setId("e1").setEntrypoint("sh")
                .addArguments("-c").addArguments("exit 3").setUser("nobody").setExitCode(3).setPid(77).build();
        String json = new String(Json.line(ExecInspect.of(r)), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"ExitCode\":3,"), json);
        assertEquals(true, json.contains("\"arguments\":[\"-c\",\"exit 3\"],\"privileged\":false,\"user\":\"nobody\"}"),
                json);
        assertEquals(true, json.contains("\"DetachKeys\":\"\",\"Pid\":77}"), json);
    }
}
