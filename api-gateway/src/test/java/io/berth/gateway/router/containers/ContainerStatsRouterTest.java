package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.berth.common.errors.NotFoundException;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.ContainerStatsRequest;
import io.berth.proto.monitor.v1.ContainerStatsResponse;
import io.berth.proto.monitor.v1.CpuStats;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ContainerStatsRouterTest {
    static final String ID = "e58bc5" + "0".repeat(58);

    @Mock
    ContainersBackend containers;
    @Mock
    StatsBackend stats;

    private ContainerStatsRouter router() {
        return new ContainerStatsRouter(containers, stats);
    }

    private void container(String ref, boolean running) {
        when(containers.inspect(InspectContainerRequest.newBuilder().setId(ref).build())).thenReturn(
                InspectContainerResponse.newBuilder().setContainer(Container.newBuilder().setId(ID).setName("/web")
                        .setState(ContainerState.newBuilder().setRunning(running))).build());
    }

    private static ContainerStatsResponse sample(long cpu) {
        return ContainerStatsResponse.newBuilder().setStats(ContainerStats.newBuilder().setRunning(true)
                .setCpu(CpuStats.newBuilder().setTotalUsage(cpu))).build();
    }

    @Test
    void noStream_running_isOneObjectWithALength_fromTheMonitor() throws Exception {
        container("web", true);
        when(stats.stats(ContainerStatsRequest.newBuilder().setContainerId(ID).setStream(false).build()))
                .thenReturn(ResponseStream.of(sample(42)));
        RecordingExchange ex = new RecordingExchange();

        router().getContainersStats(Requests.get("/containers/web/stats").param("id", "web")
                .query("stream", "false").build(), ex);

        assertEquals(200, ex.status.code());
        assertEquals("application/json", ex.contentType);
        String body = new String(ex.body, StandardCharsets.UTF_8);
        assertTrue(body.contains("\"cpu_usage\":{\"total_usage\":42,"), body);
        assertTrue(body.endsWith("\"name\":\"/web\",\"id\":\"" + ID + "\"}\n"), body);
    }

    @Test
    void noStream_stopped_isTheZeroObject_withoutAskingTheMonitor() throws Exception {
        container("web", false);
        RecordingExchange ex = new RecordingExchange();

        router().getContainersStats(Requests.get("/containers/web/stats").param("id", "web")
                .query("stream", "0").build(), ex);

        assertTrue(new String(ex.body, StandardCharsets.UTF_8).startsWith(
                "{\"read\":\"0001-01-01T00:00:00Z\",\"preread\":\"0001-01-01T00:00:00Z\",\"pids_stats\":{},"));
        verify(stats, never()).stats(any());
    }

    @Test
    void oneShot_isPassedToTheMonitor() throws Exception {
        container("web", true);
        when(stats.stats(ContainerStatsRequest.newBuilder().setContainerId(ID).setOneShot(true).build()))
                .thenReturn(ResponseStream.of(sample(1)));
        RecordingExchange ex = new RecordingExchange();

        router().getContainersStats(Requests.get("/containers/web/stats").param("id", "web")
                .query("stream", "false").query("one-shot", "1").build(), ex);

        assertEquals(200, ex.status.code());
    }

    @Test
    void stream_isOneChunkPerSample_byDefault() throws Exception {
        container("web", true);
        when(stats.stats(ContainerStatsRequest.newBuilder().setContainerId(ID).setStream(true).build()))
                .thenReturn(ResponseStream.of(sample(1), sample(2), sample(3)));
        RecordingExchange ex = new RecordingExchange();

        router().getContainersStats(Requests.get("/containers/web/stats").param("id", "web").build(), ex);

        assertTrue(ex.chunked);
        assertEquals(3, ex.chunks.size());
        assertTrue(new String(ex.chunks.get(2), StandardCharsets.UTF_8).contains("\"total_usage\":3,"));
        assertTrue(ex.ended);
    }

    @Test
    void unknownContainer_is404BeforeAnyHeader() {
        when(containers.inspect(any())).thenThrow(new NotFoundException("No such container: nosuch"));
        RecordingExchange ex = new RecordingExchange();

        assertThrows(NotFoundException.class, () -> router().getContainersStats(
                Requests.get("/containers/nosuch/stats").param("id", "nosuch").build(), ex));
        assertEquals(null, ex.status);
    }
}
