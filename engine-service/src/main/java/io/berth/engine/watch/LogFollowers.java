package io.berth.engine.watch;

import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.logs.JsonFileLog;
import io.berth.engine.logs.LogFollower;
import io.berth.engine.logs.LogPoller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Creates, starts and drains the {@link LogFollower} of a container's current run (conmon's k8s-file log
 * in the bundle → the json-file log in the data root → the container's {@link io.berth.engine.logs.LogHub}).
 */
@Singleton
public final class LogFollowers {
    private final ContainerIo io;
    private final EngineConfig config;
    private final LogPoller poller;

    /**
     * @param io the containers' live output and stdin
     * @param config the exec root
     * @param poller the shared polling thread
     */
    @Inject
    public LogFollowers(ContainerIo io, EngineConfig config, LogPoller poller) {
        this.io = io;
        this.config = config;
        this.poller = poller;
    }

    /**
     * Starts following a container's output (resuming at the remembered offset).
     *
     * @param c the container
     */
    public void start(Container c) {
        poller.register(c.id(), create(c));
    }

    /**
     * Stops following and converts everything conmon has written that is not converted yet.
     *
     * @param c the container
     */
    public void drainAndStop(Container c) {
        LogFollower f = poller.unregister(c.id());
        (f != null ? f : create(c)).poll();
    }

    private LogFollower create(Container c) {
        Bundle b = config.bundle(c.id());
        return new LogFollower(b.k8sLog(), b.k8sLogOffset(), new JsonFileLog(Path.of(c.record().logPath())),
                io.output(c));
    }
}
