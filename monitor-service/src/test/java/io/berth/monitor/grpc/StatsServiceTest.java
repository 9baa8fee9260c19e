package io.berth.monitor.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.grpc.ExceptionMappingInterceptor;
import io.berth.monitor.stats.CgroupReader;
import io.berth.monitor.stats.HostCpu;
import io.berth.monitor.stats.RunningContainers;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.ContainerStatsRequest;
import io.berth.proto.monitor.v1.ContainerStatsResponse;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.StatsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth.monitor.v1.Stats through a real (in-process) gRPC server and client, over a sampler ticked by hand. */
class StatsServiceTest {
    @TempDir
    Path root;

    private final AtomicLong cpu = new AtomicLong();
    private StatsSampler sampler;
    private Server server;
    private ManagedChannel channel;
    private StatsGrpc.StatsBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        CgroupReader reader = pid -> Optional.of(ContainerStats.newBuilder().setRunning(true)
                .setCpu(CpuStats.newBuilder().setTotalUsage(cpu.addAndGet(100))).build());
        RunningContainers engine = () -> List.of(new RunningContainers.Running("a", 10));
        sampler = new StatsSampler(engine, reader, new HostCpu(root), Clock.systemUTC());
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(new StatsService(sampler), new ExceptionMappingInterceptor()))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = StatsGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        sampler.close();
    }

    private ContainerStats once(String id, boolean oneShot) {
        Iterator<ContainerStatsResponse> it = stub.containerStats(ContainerStatsRequest.newBuilder()
                .setContainerId(id).setOneShot(oneShot).build());
        ContainerStats s = it.next().getStats();
        assertFalse(it.hasNext(), "stream=false answers once");
        return s;
    }

    @Test
    void noStream_isTheLatestWithPre_oneShotWithout() {
        sampler.tick();
        sampler.tick();
        ContainerStats s = once("a", false);
        assertEquals(200, s.getCpu().getTotalUsage());
        assertEquals(100, s.getPrecpu().getTotalUsage());
        ContainerStats one = once("a", true);
        assertEquals(200, one.getCpu().getTotalUsage());
        assertFalse(one.hasPrecpu());
        assertFalse(one.hasPreread());
    }

    @Test
    void noStream_unknownContainer_isNotRunning() {
        assertFalse(once("nosuch", false).getRunning());
    }

    @Test
    void stream_givesOneMessagePerTick() {
        Iterator<ContainerStatsResponse> it = stub.containerStats(ContainerStatsRequest.newBuilder()
                .setContainerId("a").setStream(true).build());
        Thread ticker = new Thread(() -> {
            for (int i = 0; i < 3; i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                sampler.tick();
            }
        });
        ticker.start();
        long first = it.next().getStats().getCpu().getTotalUsage();
        assertTrue(first > 0);
        assertEquals(first + 100, it.next().getStats().getCpu().getTotalUsage());
        assertEquals(first + 200, it.next().getStats().getCpu().getTotalUsage());
    }

    @Test
    void missingId_isInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.containerStats(ContainerStatsRequest.getDefaultInstance()).next());
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
}
