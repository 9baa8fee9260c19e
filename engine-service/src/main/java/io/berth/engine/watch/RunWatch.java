package io.berth.engine.watch;

import io.berth.engine.config.Bundle;
import io.berth.engine.container.Container;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.runtime.ConmonAttachClient;
import io.berth.engine.runtime.StdinMode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The watch over one run of a container, from its start (or the engine's restart) to its end: the exit
 * ({@link ExitWatcher}), the output ({@link LogWatch}: rotation, and waking the container's live readers) and, for an
 * {@code OpenStdin} container, the attach clients' stdin connected to conmon's attach socket.
 */
@Singleton
public final class RunWatch {
    private final ContainerIo io;
    private final ExitWatcher exits;
    private final LogWatch logs;
    private final ConmonAttachClient attachSockets;

    /**
     * @param io the containers' live output and stdin
     * @param exits exit watch
     * @param logs the log watch
     * @param attachSockets conmon's attach sockets (stdin)
     */
    @Inject
    public RunWatch(ContainerIo io, ExitWatcher exits, LogWatch logs, ConmonAttachClient attachSockets) {
        this.io = io;
        this.exits = exits;
        this.logs = logs;
        this.attachSockets = attachSockets;
    }

    /**
     * A run is about to start: a new exit future, the output hub open for it, no exit file of the last run.
     *
     * @param c the container (its lock held)
     */
    public void begin(Container c) {
        c.beginRun();
        io.output(c).reopen();
        exits.clearExitFile(c.id());
    }

    /**
     * Follows a running container: its output, its exit (through the conmon pid in its record's state) and
     * its stdin.
     *
     * @param c the container, in state running
     * @param b its bundle
     */
    public void follow(Container c, Bundle b) {
        logs.start(c);
        exits.watch(c.id(), c.record().state().conmonPid());
        if (StdinMode.of(c.record().config()).isOpen()) {
            io.stdin(c).connect(() -> attachSockets.connect(b));
        }
    }

    /**
     * The run did not start: completes its exit future and closes its output and stdin.
     *
     * @param c the container, its failure recorded
     * @param exitCode the exit code recorded for the failure
     */
    public void abort(Container c, int exitCode) {
        logs.stop(c);
        c.exitFuture().complete(exitCode);
        io.output(c).close();
        io.stdin(c).disconnect();
    }
}
