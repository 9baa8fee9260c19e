package io.berth.gateway.types.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSummaryMapperTest {
    @Test
    void of_commandImageStatusAndNetworkMode() {
        Container c = Container.newBuilder().setId("abc").setName("/web").setImageId("sha256:i")
                .setPath("sh").addArgs("-c").addArgs("echo hi").setCreated(Timestamp.newBuilder().setSeconds(100))
                .setConfig(ContainerConfig.getDefaultInstance())
                .setState(ContainerState.newBuilder().setStatus("running").setRunning(true)
                        .setStartedAt(Timestamp.newBuilder().setSeconds(100)))
                .build();

        ContainerSummary s = ContainerSummaryMapper.of(c, Instant.ofEpochSecond(103));

        assertEquals(List.of("/web"), s.names());
        assertEquals("sha256:i", s.image());
        assertEquals("sh -c 'echo hi'", s.command());
        assertEquals(100, s.created());
        assertEquals("Up 3 seconds", s.status());
        assertEquals("default", s.hostConfig().networkMode());
        assertEquals("fixture/busybox:1", ContainerSummaryMapper.of(c.toBuilder()
                .setConfig(ContainerConfig.newBuilder().setImage("fixture/busybox:1")).build(), Instant.EPOCH).image());
    }
}
