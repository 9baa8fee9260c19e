package io.berth.monitor.grpc;

import io.berth.monitor.stats.RunningContainers;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.ListContainersResponse;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link RunningContainers} from the engine's berth.engine.v1.Containers ListContainers (all=false: the
 * running and paused containers), each with its ID and {@code State.Pid}. Each call has a 5 s deadline so a
 * hung engine never stops the sampler for long.
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
                .listContainers(ListContainersRequest.newBuilder().setAll(false).build());
        while (it.hasNext()) {
            for (Container c : it.next().getContainersList()) {
                if (c.getState().getPid() > 0) {
                    out.add(new Running(c.getId(), c.getState().getPid()));
                }
            }
        }
        return out;
    }
}
