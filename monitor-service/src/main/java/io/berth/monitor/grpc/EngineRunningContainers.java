package io.berth.monitor.grpc;

import io.berth.monitor.stats.RunningContainers;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.ListContainersResponse;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link RunningContainers} from the engine's berth.engine.v1.Containers ListContainers (all=true: every
 * container, so the monitor can count them by state for {@code engine_daemon_container_states_containers}),
 * each with its ID, {@code State.Pid} (0 unless running or paused), name, image, state, times and memory
 * limit. Each call has a 5 s deadline so a hung engine never stops the sampler for long.
 */
public final class EngineRunningContainers implements RunningContainers {
    private final ManagedChannel channel;

    /** @param channel the channel to the engine's socket (connected lazily) */
    public EngineRunningContainers(ManagedChannel channel) {
        this.channel = channel;
    }

    @Override
    public List<Running> list() {
        List<Running> out = new ArrayList<>();
        Iterator<ListContainersResponse> it = ContainersGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .listContainers(ListContainersRequest.newBuilder().setAll(true).build());
        while (it.hasNext()) {
            for (Container c : it.next().getContainersList()) {
                out.add(running(c));
            }
        }
        return out;
    }

    private static Running running(Container c) {
        String name = c.getName().startsWith("/") ? c.getName().substring(1) : c.getName();
        boolean live = c.getState().getRunning() || c.getState().getPaused();
        return new Running(c.getId(), live ? c.getState().getPid() : 0, name, c.getConfig().getImage(),
                c.getState().getStatus(), c.hasCreated() ? instant(c.getCreated()) : null,
                c.getState().hasStartedAt() ? instant(c.getState().getStartedAt()) : null,
                c.getHostConfig().getMemoryBytes());
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
