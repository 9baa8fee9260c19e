package io.berth.engine.service;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.ContainerIo;
import io.berth.engine.logs.JsonFileLog;
import io.berth.engine.logs.K8sFileLog;
import io.berth.engine.logs.LogPump;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.logs.LogSource;
import io.berth.engine.logs.LogSubscriber;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Container output for clients: attach (Docker's {@code POST /containers/{id}/attach}) and logs
 * ({@code GET /containers/{id}/logs}), Engine API 1.41, streamed through {@link LogPump}s by byte offset at
 * the client's pace ({@link LogSubscriber#isReady()}), so nothing is lost or doubled and memory stays bounded.
 * Logs and attach's log replay read the json-file log (text, as dockerd's); live attach reads conmon's
 * k8s-file log of the run, so binary output reaches the client byte for byte, as with dockerd's attach. Live
 * streams end when the container's run ends.
 */
@Singleton
public final class ContainerStreams {
    private final ContainerIo io;
    private final EngineConfig config;
    private final ContainerStore store;
    private final ContainerEvents events;

    /**
     * @param io the containers' live output and stdin
     * @param config where run files (conmon's k8s-file log) are
     * @param store the container index
     * @param events event publishing (attach)
     */
    @Inject
    public ContainerStreams(ContainerIo io, EngineConfig config, ContainerStore store, ContainerEvents events) {
        this.io = io;
        this.config = config;
        this.store = store;
        this.events = events;
    }

    /**
     * What an attach needs to know of a container before it attaches.
     *
     * @param id the full ID
     * @param tty Docker's {@code Tty}: output is the terminal's raw bytes, stdin is scanned for detach keys
     * @param openStdin Docker's {@code OpenStdin}: attach clients' stdin reaches the process
     */
    public record Target(String id, boolean tty, boolean openStdin) {
    }

    /**
     * @param ref ID, name or unique ID prefix
     * @return the container's attach-relevant config (immutable after create)
     * @throws NotFoundException "No such container: <ref>"
     * @throws io.berth.common.errors.ConflictException "container &lt;ref&gt; is paused, unpause the container
     *     before attach" (moby daemon/attach.go)
     */
    public Target target(String ref) {
        ContainerRecord r = store.get(ref).record();
        if (r.state().isPaused()) {
            throw new io.berth.common.errors.ConflictException("container " + ref
                    + " is paused, unpause the container before attach");
        }
        return new Target(r.id(), r.config().getTty(), r.config().getOpenStdin());
    }

    /**
     * An attach client left a TTY container with its detach keys: publishes {@code detach}, as dockerd does.
     * A container removed meanwhile publishes nothing.
     *
     * @param id the container's full ID
     */
    public void detached(String id) {
        try {
            events.publish(store.get(id).record(), "detach");
        } catch (NotFoundException e) {
            // removed since: nothing to report
        }
    }

    /**
     * Attaches to a container's output. The sink gets {@code attached()} once capture is registered (for
     * a created container: before it starts, so none of its output is missed), then the selected output,
     * then {@code onEnd()} when the container stops. A stopped container's output is that of its next run
     * (dockerd's attach waits for it: {@code docker start -a}), or nothing if it is removed first. Without
     * {@code stream} the sink ends right after the (optional) log replay. Publishes {@code attach}.
     *
     * @param ref ID, name or unique ID prefix
     * @param opts which streams, live or not, with the log or not
     * @param sink where output goes
     * @return the started pump; {@link LogPump#wake() wake} it when the sink is ready again, close it when
     *     the client goes away
     * @throws NotFoundException "No such container: <ref>"
     */
    public LogPump attach(String ref, AttachOptions opts, OutputSink sink) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        LogQuery q = new LogQuery(opts.stdout(), opts.stderr(), 0, 0, -1);
        JsonFileLog log = new JsonFileLog(Path.of(r.logPath()));
        events.publish(r, "attach");
        boolean current = r.state().isRunning() || r.state().isCreated();
        LogPump pump;
        if (!opts.stream()) {
            long size = log.size();
            pump = LogPump.snapshot(log, q, opts.logs() ? 0 : size, size, sink);
        } else if (current && !opts.logs()) {
            LogSource raw = new K8sFileLog(config.bundle(c.id()).k8sLog());
            pump = LogPump.live(io.output(c), raw, q, size -> size, sink);
        } else if (current) {
            pump = LogPump.live(io.output(c), log, q, size -> 0, sink);
        } else {
            pump = LogPump.nextRun(io.output(c), log, q, size -> opts.logs() ? 0 : size, sink);
        }
        sink.attached();
        pump.start();
        return pump;
    }

    /**
     * Sends a container's log: the entries the query selects, then, with {@code follow} and a running
     * container, live entries until it stops (or passes {@code until}). Without follow it ends after the
     * entries logged so far.
     *
     * @param ref ID, name or unique ID prefix
     * @param q streams, since/until, tail
     * @param follow keep streaming while the container runs
     * @param sink where entries go; always ended
     * @return the started pump; {@link LogPump#wake() wake} it when the sink is ready again, close it when
     *     the client goes away
     * @throws NotFoundException "No such container: <ref>"
     */
    public LogPump logs(String ref, LogQuery q, boolean follow, LogSubscriber sink) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        JsonFileLog log = new JsonFileLog(Path.of(r.logPath()));
        boolean untilPassed = q.untilNano() > 0 && q.untilNano() < System.currentTimeMillis() * 1_000_000L;
        LogPump pump;
        if (!follow || !r.state().isRunning() || untilPassed) {
            long size = log.size();
            pump = LogPump.snapshot(log, q, log.tailStart(size, q.tail()), size, sink);
        } else {
            pump = LogPump.live(io.output(c), log, q, size -> log.tailStart(size, q.tail()), sink);
        }
        pump.start();
        return pump;
    }
}
