package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * SystemInfo.Swarm (Docker Engine API 1.41, swagger SwarmInfo); berth has no swarm mode, so always the
 * "inactive" node dockerd reports outside a swarm.
 *
 * @param nodeId NodeID
 * @param nodeAddr NodeAddr
 * @param localNodeState LocalNodeState ("inactive")
 * @param controlAvailable ControlAvailable
 * @param error Error
 * @param remoteManagers RemoteManagers (null outside a swarm)
 */
public record SwarmInfo(@JsonProperty("NodeID") String nodeId, @JsonProperty("NodeAddr") String nodeAddr,
                        @JsonProperty("LocalNodeState") String localNodeState,
                        @JsonProperty("ControlAvailable") boolean controlAvailable,
                        @JsonProperty("Error") String error,
                        @JsonProperty("RemoteManagers") List<Object> remoteManagers) {
    /** @return the state of a daemon that is not part of a swarm */
    public static SwarmInfo inactive() {
        return new SwarmInfo("", "", "inactive", false, "", null);
    }
}
