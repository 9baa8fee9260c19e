package io.berth.engine.runtime;

/**
 * The namespaces of other containers a container joins at start ({@code --pid container:<x>},
 * {@code --ipc container:<x>}), resolved by the engine's start from the other container's running init
 * process: OCI config-linux.md#namespaces {@code path} entries.
 *
 * @param pidPath {@code /proc/<pid>/ns/pid} of the container whose PID namespace is joined, or null
 * @param ipcPath {@code /proc/<pid>/ns/ipc} of the container whose IPC namespace is joined, or null
 * @param ipcDonorId the ID of that container (its bundle's host-side /dev/shm, {@link
 *     io.berth.engine.config.Bundle#shm}, is bound as this container's), or null
 * @param ipcDonorIsHost that container itself uses the host's IPC namespace (bind the host's /dev/shm)
 */
public record NamespaceJoins(String pidPath, String ipcPath, String ipcDonorId, boolean ipcDonorIsHost) {
    /** Nothing joined. */
    public static final NamespaceJoins NONE = new NamespaceJoins(null, null, null, false);
}
