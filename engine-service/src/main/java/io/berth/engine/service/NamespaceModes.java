package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.NamespaceJoins;
import io.berth.proto.engine.v1.HostConfig;

/**
 * Resolves a starting container's {@code PidMode}/{@code IpcMode} "container:&lt;id|name&gt;" to the other
 * container's namespaces, as dockerd 20.10 does at start (moby daemon/container_operations_unix.go
 * {@code getIpcContainer}/{@code getPidContainer}): the other container must exist (404 "No such container"),
 * be running (409 "cannot join IPC of a non running container: &lt;id&gt;") and, for IPC, have been created
 * with IpcMode "shareable" or "host" (409 dockerd's "non-shareable IPC" text).
 */
final class NamespaceModes {
    private NamespaceModes() {
    }

    /**
     * @param store the containers
     * @param hc the starting container's host config
     * @return the namespaces to join
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
