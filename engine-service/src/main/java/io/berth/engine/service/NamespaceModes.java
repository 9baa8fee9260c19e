package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.NamespaceJoins;
import io.berth.proto.engine.v1.HostConfig;

/**
 * Resolves a starting container's {@code PidMode}/{@code IpcMode}/{@code NetworkMode} "container:&lt;id|name&gt;"
 * to the other container's namespaces, as dockerd 20.10 does at start (moby daemon/container_operations_unix.go
 * {@code getIpcContainer}/{@code getPidContainer}, container_operations.go {@code getNetworkedContainer}): the
 * other container must exist (404 "No such container"), be running (409 "cannot join IPC of a non running
 * container: &lt;id&gt;"; for the network dockerd's "cannot join network of a non running container: &lt;ref&gt;"
 * with the reference as given, and 500 "cannot join own network" for itself) and, for IPC, have been created
 * with IpcMode "shareable" or "host" (409 dockerd's "non-shareable IPC" text).
 */
final class NamespaceModes {
    private NamespaceModes() {
    }

    /**
     * @param store the containers
     * @param r the starting container
     * @return the namespaces to join (the network's own namespace file is added by the caller)
     */
    static NamespaceJoins resolve(ContainerStore store, ContainerRecord r) {
        NamespaceJoins j = resolve(store, r.hostConfig());
        String mode = r.hostConfig().getNetworkMode();
        if (!mode.startsWith("container:")) {
            return j;
        }
        String ref = mode.substring("container:".length());
        ContainerRecord other = store.get(ref).record();
        if (other.id().equals(r.id())) {
            throw new io.berth.common.errors.InternalException("cannot join own network");
        }
        if (other.state().isRestarting()) {
            throw new ConflictException("Container " + other.id() + " is restarting, wait until the container is"
                    + " running");
        }
        if (!other.state().isRunning()) {
            throw new ConflictException("cannot join network of a non running container: " + ref);
        }
        return new NamespaceJoins(j.pidPath(), j.ipcPath(), j.ipcDonorId(), j.ipcDonorIsHost(),
                "/proc/" + other.state().pid() + "/ns/net", other.id(), other.config().getHostname());
    }

    /**
     * @param store the containers
     * @param hc the starting container's host config
     * @return the PID and IPC namespaces to join
     */
    static NamespaceJoins resolve(ContainerStore store, HostConfig hc) {
        String pid = null;
        String ipc = null;
        String donor = null;
        boolean donorIsHost = false;
        if (hc.getPidMode().startsWith("container:")) {
            pid = "/proc/" + running(store, hc.getPidMode(), "PID").state().pid() + "/ns/pid";
        }
        if (hc.getIpcMode().startsWith("container:")) {
            ContainerRecord other = running(store, hc.getIpcMode(), "IPC");
            String mode = other.hostConfig().getIpcMode();
            if (!mode.equals("shareable") && !mode.equals("host")) {
                throw new ConflictException("non-shareable IPC (hint: use IpcMode:shareable for the donor"
                        + " container)");
            }
            ipc = "/proc/" + other.state().pid() + "/ns/ipc";
            donor = other.id();
            donorIsHost = mode.equals("host");
        }
        return new NamespaceJoins(pid, ipc, donor, donorIsHost);
    }

    private static ContainerRecord running(ContainerStore store, String mode, String what) {
        Container c = store.get(mode.substring("container:".length()));
        ContainerRecord r = c.record();
        if (!r.state().isRunning()) {
            throw new ConflictException("cannot join " + what + " of a non running container: " + r.id());
        }
        return r;
    }
}
