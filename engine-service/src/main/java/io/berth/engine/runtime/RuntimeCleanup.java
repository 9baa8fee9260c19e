package io.berth.engine.runtime;

import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Releases what a container run holds on the host: runc's state and the container's cgroup
 * ({@code runc delete --force}), its network ({@link RunNetwork}: CNI DEL of its endpoints, then its network
 * namespace) and the rootfs mount. Failures are logged, never thrown: this runs on error paths and at exit.
 */
@Singleton
public final class RuntimeCleanup {
    private static final Logger LOG = LogManager.getLogger(RuntimeCleanup.class);

    private final EngineConfig config;
    private final RuncClient runc;
    private final RootfsMounter mounter;
    private final RunNetwork network;

    /**
     * @param config paths
     * @param runc runc
     * @param mounter rootfs mounts
     */
    public RuntimeCleanup(EngineConfig config, RuncClient runc, RootfsMounter mounter) {
        this(config, runc, mounter, RunNetwork.NONE);
    }

    /**
     * @param config paths
     * @param runc runc
     * @param mounter rootfs mounts
     * @param network the runs' networks
     */
    @Inject
    public RuntimeCleanup(EngineConfig config, RuncClient runc, RootfsMounter mounter, RunNetwork network) {
        this.config = config;
        this.runc = runc;
        this.mounter = mounter;
        this.network = network;
    }

    /**
     * {@code runc delete --force} (if runc knows the container), then the release of its network (after its
     * processes are gone, before anything else of it goes), then unmount its rootfs and shareable /dev/shm.
     *
     * @param id container ID
     */
    public void release(String id) {
        deleteRuncState(id);
        try {
            network.release(id);
        } catch (RuntimeException e) {
            LOG.warn("cannot release the network of {}: {}", id, e.getMessage());
        }
        mounter.unmount(config.bundle(id).rootfs());
        mounter.unmount(config.bundle(id).shm());
    }

    /**
     * Releases a run that no engine follows (found at the engine's start: the engine died during a start, or
     * the record says the container is not running): SIGKILL to its conmon (named by the bundle's conmon pid
     * file, if that pid is still a conmon), then {@link #release}: {@code runc delete --force} kills a
     * {@code runc init} still waiting in a created container and removes runc's state and the cgroup, and the
     * rootfs and /dev/shm are unmounted.
     *
     * @param id container ID
     */
    public void releaseAbandonedRun(String id) {
        int conmon = readPid(config.bundle(id).conmonPidFile());
        if (ProcessCheck.isConmonAlive(conmon)) {
            LOG.warn("killing conmon {} of container {}: no engine follows its run", conmon, id);
            ProcessHandle.of(conmon).ifPresent(ProcessHandle::destroyForcibly);
        }
        release(id);
    }

    /**
     * @param pidFile a pid file (conmon's {@code --conmon-pidfile}, runc's {@code --pid-file})
     * @return the pid in it, 0 if it is missing or unreadable
     */
    public static int readPid(java.nio.file.Path pidFile) {
        try {
            return Integer.parseInt(java.nio.file.Files.readString(pidFile).trim());
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code runc delete --force}, if runc knows the container.
     *
     * @param id container ID
     */
    public void deleteRuncState(String id) {
        try {
            if (runc.state(id).isPresent()) {
                runc.delete(id, new RuncClient.DeleteOptions(true));
            }
        } catch (RuntimeException e) {
            LOG.warn("runc delete {} failed: {}", id, e.getMessage());
        }
    }
}
