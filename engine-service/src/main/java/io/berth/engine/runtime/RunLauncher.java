package io.berth.engine.runtime;

import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * Launches one run of a container whose bundle is written ({@link BundleWriter}): deletes what runc still
 * knows of an earlier run, launches conmon (which runs {@code runc create}) and runs {@code runc start};
 * if {@code runc start} fails, runc's state is deleted again.
 */
@Singleton
public final class RunLauncher {
    private final ConmonLauncher conmon;
    private final RuncClient runc;
    private final RuntimeCleanup cleanup;
    private final Clock clock;
    private final EngineConfig config;

    /**
     * The started run.
     *
     * @param containerPid host PID of the container's init process
     * @param conmonPid PID of its conmon
     * @param startedAt when {@code runc start} returned
     */
    public record Started(int containerPid, int conmonPid, Instant startedAt) {
    }

    /**
     * @param conmon conmon launcher
     * @param runc runc
     * @param cleanup runc state deletion
     * @param clock the time source
     * @param config the data root (where conmon logs)
     */
    @Inject
    public RunLauncher(ConmonLauncher conmon, RuncClient runc, RuntimeCleanup cleanup, Clock clock,
                       EngineConfig config) {
        this.config = config;
        this.conmon = conmon;
        this.runc = runc;
        this.cleanup = cleanup;
        this.clock = clock;
    }

    /**
     * @param r the container
     * @param b its written bundle
     * @return the pids of the run
     * @throws io.berth.common.errors.InvalidArgumentException for a missing executable, ...
     * @throws io.berth.common.errors.InternalException when runc or conmon fail otherwise
     */
    public Started launch(ContainerRecord r, Bundle b) {
        cleanup.deleteRuncState(r.id());
        ConmonLauncher.Launched l = conmon.launch(r.id(), r.shortName(), b, StdinMode.of(r.config()),
                r.config().getTty(), ConmonLog.of(r, config));
        try {
            runc.start(r.id());
        } catch (RuntimeException e) {
            cleanup.deleteRuncState(r.id());
            throw e;
        }
        return new Started(l.containerPid(), l.conmonPid(), clock.instant());
    }
}
