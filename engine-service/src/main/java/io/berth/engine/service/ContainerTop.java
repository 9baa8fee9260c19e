package io.berth.engine.service;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.CommandResult;
import io.berth.engine.runtime.CommandRunner;
import io.berth.engine.runtime.RuncClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of a running container (Docker's {@code GET /containers/{id}/top?ps_args=}, Engine API 1.41;
 * moby daemon/top_unix.go): the container's PIDs from {@code runc ps}, then the host's {@code ps} with the
 * client's arguments plus {@code -q<pids>}, retried without {@code -q} when ps refuses the combination (as
 * dockerd: some options such as {@code f} cannot go with it), parsed by {@link PsOutput}. Publishes
 * {@code top}.
 */
@Singleton
public final class ContainerTop {
    private static final Duration PS_TIMEOUT = Duration.ofSeconds(30);

    private final ContainerStore store;
    private final RuncClient runc;
    private final CommandRunner commands;
    private final ContainerEvents events;

    /**
     * @param store the container index
     * @param runc runc (the PIDs)
     * @param commands runs ps
     * @param events event publishing
     */
    @Inject
    public ContainerTop(ContainerStore store, RuncClient runc, CommandRunner commands, ContainerEvents events) {
        this.store = store;
        this.runc = runc;
        this.commands = commands;
        this.events = events;
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @param psArgs the client's ps_args ("" = "-ef")
     * @return the titles and the container's rows
     * @throws NotFoundException "No such container: &lt;ref&gt;"
     * @throws ConflictException "Container &lt;id&gt; is not running"
     * @throws InvalidArgumentException "ps: &lt;ps's first line of stderr&gt;" when ps fails on its arguments
     */
    public PsOutput top(String ref, String psArgs) {
        List<String> args = PsOutput.arguments(psArgs);
        Container c = store.get(ref);
        if (!c.record().state().isRunning()) {
            throw new ConflictException("Container " + c.id() + " is not running");
        }
        List<Integer> pids = runc.pids(c.id());
        List<String> argv = new ArrayList<>(List.of("ps"));
        argv.addAll(args);
        argv.add(PsOutput.pidsArgument(pids));
        CommandResult r = commands.run(argv, PS_TIMEOUT);
        if (!r.ok()) {
            r = commands.run(argv.subList(0, argv.size() - 1), PS_TIMEOUT);
            if (!r.ok()) {
                String first = r.stderr().split("\n", 2)[0];
                throw new InvalidArgumentException("ps: " + (first.isEmpty() ? "exit status " + r.exitCode() : first));
            }
        }
        PsOutput out = PsOutput.parse(r.stdout(), pids);
        events.publish(c.record(), "top");
        return out;
    }
}
