package io.berth.gateway.types.system;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.common.json.Json;
import io.berth.gateway.BuildInfo;
import io.berth.common.cgroup.CgroupSupport;
import io.berth.gateway.host.NetworkSysctls;
import io.berth.gateway.host.SystemFacts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SystemVersionMapperTest {
    @Test
    void toSystemVersion_writesDockerdsFieldsInDockerdsOrder() {
        SystemFacts facts = new SystemFacts("vm", "6.18.44-test", "Debian", 1, 2, "1", "amd64", "x86_64",
                new CgroupSupport(false, false, false, false, false, false, false, false, false, false, false,
                        false, false, false, false, false, false, false),
                new NetworkSysctls(false, false, false), 0, 1, false, "json-file", 0, List.of());
        String v = BuildInfo.VERSION;
        String t = BuildInfo.BUILD_TIME;
        String java = BuildInfo.runtimeVersion();
        assertEquals("{\"Platform\":{\"Name\":\"berth\"},\"Components\":[{\"Name\":\"Engine\",\"Version\":\"" + v
                + "\",\"Details\":{\"ApiVersion\":\"1.41\",\"Arch\":\"amd64\",\"BuildTime\":\"" + t
                + "\",\"Experimental\":\"false\",\"GitCommit\":\"" + BuildInfo.GIT_COMMIT + "\",\"GoVersion\":\""
                + java + "\",\"KernelVersion\":\"6.18.44-test\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\"}}],"
                + "\"Version\":\"" + v + "\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"GitCommit\":\""
                + BuildInfo.GIT_COMMIT + "\",\"GoVersion\":\"" + java + "\",\"Os\":\"linux\",\"Arch\":\"amd64\","
                + "\"KernelVersion\":\"6.18.44-test\",\"BuildTime\":\"" + t + "\"}\n",
                new String(Json.line(SystemVersionMapper.toSystemVersion(facts)), StandardCharsets.UTF_8));
    }
}
