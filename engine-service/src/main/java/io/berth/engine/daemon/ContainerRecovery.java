package io.berth.engine.daemon;

import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.ProcessCheck;
import io.berth.engine.runtime.RootfsMounter;
import io.berth.engine.watch.ExitWatcher;
import io.berth.engine.watch.RunWatch;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reloads containers at engine start-up (containers outlive an engine restart under conmon). Every record
 * is indexed again; a container recorded as running whose conmon is still alive gets its log follower,
 * exit watch and (with {@code OpenStdin}) stdin back (the follower resumes at its saved offset); one whose
 * conmon is gone is handed to the exit listener with the code from its exit file, or 255 if there is none.
 * A stopped container's rootfs left mounted is unmounted.
 */
@Singleton
public final class ContainerRecovery {
    private static final Logger LOG = LogManager.getLogger(ContainerRecovery.class);

    private final EngineConfig config;
    private final ContainerRecordFiles files;
    private final ContainerStore store;
    private final RunWatch watch;
    private final ExitWatcher watcher;
    private final RootfsMounter mounter;

    /**
     * @param config paths
     * @param files record persistence
     * @param store the container index
     * @param watch the watch over a run (log, exit, stdin)
     * @param watcher exit watch (exit files of containers that died meanwhile)
     * @param mounter rootfs mounts
     */
    @Inject
    public ContainerRecovery(EngineConfig config, ContainerRecordFiles files, ContainerStore store, RunWatch watch,
                             ExitWatcher watcher, RootfsMounter mounter) {
        this.config = config;
        this.files = files;
        this.store = store;
        this.watch = watch;
        this.watcher = watcher;
        this.mounter = mounter;
    }

    /**
     * Loads and re-attaches every container. Call once, after {@link ExitWatcher#start}.
     *
     * @param onExit where the exits of containers that died meanwhile go (synchronously)
     * @return the number of containers loaded
     */
    public int recover(ExitWatcher.Listener onExit) {
        List<Container> dead = new ArrayList<>();
        List<ContainerRecord> records = files.loadAll();
        for (ContainerRecord r : records) {
            Container c = new Container(r);
            store.add(c);
            if (!r.state().isRunning()) {
                mounter.unmount(config.bundle(r.id()).rootfs());
                continue;
            }
            c.beginRun();
            if (ProcessCheck.isConmonAlive(r.state().conmonPid())) {
                LOG.info("re-attaching to running container {}", r.id());
                watch.follow(c, config.bundle(r.id()));
            } else {
                dead.add(c);
            }
        }
        for (Container c : dead) {
            int code = watcher.readExitCode(c.id()).orElse(ExitWatcher.UNKNOWN_EXIT);
            LOG.info("container {} exited while the engine was down (exit code {})", c.id(), code);
            onExit.onExit(c.id(), code);
        }
        return records.size();
    }
}
