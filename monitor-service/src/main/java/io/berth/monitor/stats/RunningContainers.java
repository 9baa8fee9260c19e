package io.berth.monitor.stats;

import java.time.Instant;
import java.util.List;

/**
 * Where the sampler learns which containers exist and which run: the engine (berth.engine.v1.Containers
 * ListContainers, see {@code grpc/EngineRunningContainers}).
 */
public interface RunningContainers {
    /**
     * A container as the engine lists it.
     *
     * @param id the full container ID
     * @param pid its init process (host pid namespace); 0 when it does not run (it is then not sampled)
     * @param name its name without the leading slash ("" if unknown)
     * @param image the image the user named at create ("busybox:latest"; "" if unknown)
     * @param state Docker's State.Status: "running", "paused", "restarting", "created", "exited", "dead"
     * @param created when it was created (null if unknown)
     * @param started when its current run started (null if unknown)
     * @param memoryLimit HostConfig.Memory in bytes, 0 for no limit
     */
    record Running(String id, int pid, String name, String image, String state, Instant created, Instant started,
                   long memoryLimit) {
        /**
         * A running container known only by ID and pid.
         *
         * @param id the full container ID
         * @param pid its init process
         */
        public Running(String id, int pid) {
            this(id, pid, "", "", "running", null, null, 0);
        }

        /** @return true if it has a process to sample (running or paused) */
        public boolean hasProcess() {
            return pid > 0;
        }
    }

    /**
     * @return every container; the sampler samples those with a process
     * @throws RuntimeException if the engine cannot be asked (the sampler keeps what it knew and retries)
     */
    List<Running> list();
}
