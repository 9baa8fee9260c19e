package io.berth.engine.runtime;

/**
 * The namespaces of other containers a container joins at start ({@code --pid container:<x>},
 * {@code --ipc container:<x>}, {@code --network container:<x>}), resolved by the engine's start from the other
 * container's running init process, and the container's own network namespace file: OCI
 * config-linux.md#namespaces {@code path} entries.
 *
 * @param pidPath {@code /proc/<pid>/ns/pid} of the container whose PID namespace is joined, or null
 * @param ipcPath {@code /proc/<pid>/ns/ipc} of the container whose IPC namespace is joined, or null
 * @param ipcDonorId the ID of that container (its bundle's host-side /dev/shm, {@link
 *     io.berth.engine.config.Bundle#shm}, is bound as this container's), or null
 * @param ipcDonorIsHost that container itself uses the host's IPC namespace (bind the host's /dev/shm)
 * @param netPath the network namespace to join: the container's own persistent one
 *     ({@code <exec-root>/netns/<id>}, made and plumbed before {@code runc create}) or {@code /proc/<pid>/ns/net}
 *     of the container named by {@code --network container:<x>}; null: a new empty one made by runc (which
 *     brings up {@code lo} itself), or none for {@code --network host}
 * @param netDonorId the ID of the container whose network namespace is joined ({@code container:<x>}): its
 *     /etc/hostname, /etc/hosts and /etc/resolv.conf are this container's too, as dockerd binds them; or null
 * @param netDonorHostname that container's hostname (this container's UTS hostname, as dockerd sets it), or null
 */
public record NamespaceJoins(String pidPath, String ipcPath, String ipcDonorId, boolean ipcDonorIsHost,
                             String netPath, String netDonorId, String netDonorHostname) {
    /** Nothing joined. */
    public static final NamespaceJoins NONE = new NamespaceJoins(null, null, null, false, null, null, null);

    /**
     * @param pidPath as the record's
     * @param ipcPath as the record's
     * @param ipcDonorId as the record's
     * @param ipcDonorIsHost as the record's
     */
    public NamespaceJoins(String pidPath, String ipcPath, String ipcDonorId, boolean ipcDonorIsHost) {
        this(pidPath, ipcPath, ipcDonorId, ipcDonorIsHost, null, null, null);
    }

    /**
     * @param path the container's own network namespace file
     * @return a copy that joins it
     */
    public NamespaceJoins withNetPath(String path) {
        return new NamespaceJoins(pidPath, ipcPath, ipcDonorId, ipcDonorIsHost, path, netDonorId, netDonorHostname);
    }
}
