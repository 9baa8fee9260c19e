package io.berth.monitor.stats;

import java.util.List;

/**
 * Where the sampler learns which containers run: the engine (berth.engine.v1.Containers ListContainers, see
 * {@code grpc/EngineRunningContainers}).
 */
public interface RunningContainers {
    /**
     * A running container.
     *
     * @param id the full container ID
     * @param pid its init process (host pid namespace)
     */
    record Running(String id, int pid) {
    }

    /**
     * @return the containers running now
     * @throws RuntimeException if the engine cannot be asked (the sampler keeps what it knew and retries)
     */
    List<Running> list();
}
