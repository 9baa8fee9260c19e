package io.berth.engine.runtime;

import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Releases what a container run holds on the host: runc's state and the container's cgroup
 * ({@code runc delete --force}) and the rootfs mount. Failures are logged, never thrown: this runs on
 * error paths and at exit.
 */
@Singleton
public final class RuntimeCleanup {
    private static final Logger LOG = LogManager.getLogger(RuntimeCleanup.class);

    private final EngineConfig config;
    private final RuncClient runc;
    private final RootfsMounter mounter;

    /**
     * @param config paths
     * @param runc runc
     * @param mounter rootfs mounts
     */
    @Inject
    public RuntimeCleanup(EngineConfig config, RuncClient runc, RootfsMounter mounter) {
        this.config = config;
        this.runc = runc;
        this.mounter = mounter;
    }

    /**
     * {@code runc delete --force} (if runc knows the container) and unmount its rootfs and shareable /dev/shm.
     *
     * @param id container ID
     */
    public void release(String id) {
        deleteRuncState(id);
        mounter.unmount(config.bundle(id).rootfs());
        mounter.unmount(config.bundle(id).shm());
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
