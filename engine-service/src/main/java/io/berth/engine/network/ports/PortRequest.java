package io.berth.engine.network.ports;

import io.berth.engine.container.ContainerPort;

/**
 * One host port to hold for a container port at start (libnetwork's {@code types.PortBinding} before
 * allocation): dockerd makes one per PortBindings entry of an exposed port, and one ephemeral per exposed port
 * without a binding when PublishAllPorts is set.
 *
 * @param port the container port
 * @param hostIp "" for every IPv4 address (0.0.0.0), else one IPv4 address
 * @param hostPortStart the first acceptable host port; 0 for an ephemeral one (then {@code hostPortEnd} is 0)
 * @param hostPortEnd the last acceptable host port (equal to the start for one port)
 */
public record PortRequest(ContainerPort port, String hostIp, int hostPortStart, int hostPortEnd) {

    /** Normalizes a null host IP to "". */
    public PortRequest {
        hostIp = hostIp == null ? "" : hostIp;
    }

    /** @return true when the kernel chooses the host port (HostPort "" or "0", or -P) */
    public boolean ephemeral() {
        return hostPortStart == 0;
    }

    /** @return the address the host socket binds: the host IP, or 0.0.0.0 */
    public String bindIp() {
        return hostIp.isEmpty() ? "0.0.0.0" : hostIp;
    }
}
