package io.berth.engine.service;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.io.ContainerIo;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.logs.LogOptions;
import io.berth.engine.logs.LogHub;
import io.berth.engine.logs.LogPump;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.logs.LogSubscriber;
import io.berth.engine.logs.RotatingLog;
import io.berth.engine.watch.LogWatch;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Container output for clients: attach (Docker's {@code POST /containers/{id}/attach}) and logs
 * ({@code GET /containers/{id}/logs}), Engine API 1.41, streamed through {@link LogPump}s by byte offset at
 * the client's pace ({@link LogSubscriber#isReady()}), so nothing is lost or doubled and memory stays bounded.
 * Both read the log conmon writes in the data root ({@link RotatingLog}, across rotated files): logs and
 * attach's log replay as text (invalid UTF-8 as U+FFFD, as dockerd's json-file holds it), live attach as raw
 * bytes, so binary output reaches the client byte for byte, as with dockerd's attach. Live streams end when the
 * container's run ends.
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
        LogHub hub = io.output(c);
        // attach's log replay is text (dockerd replays its json-file); the none driver has none to replay
        boolean replay = opts.logs() && LogOptions.of(r.hostConfig()).readable();
        RotatingLog log = new RotatingLog(LogWatch.files(r, config), !opts.stream() || replay, hub.rotationLock());
        events.publish(r, "attach");
        boolean current = r.state().isRunning() || r.state().isCreated();
        LogPump pump;
        if (!opts.stream()) {
            long size = log.size();
            pump = LogPump.snapshot(log, q, replay ? 0 : size, size, sink);
        } else if (current) {
            pump = LogPump.live(hub, log, q, size -> replay ? 0 : size, sink);
        } else {
            pump = LogPump.nextRun(hub, log, q, size -> replay ? 0 : size, sink);
        }
        sink.attached();
        pump.start();
        return pump;
    }

    /**
     * Sends a container's log: the entries the query selects, then, with {@code follow} and a running
     * container, live entries until it stops (or passes {@code until}). Without follow it ends after the
     * entries logged so far. The log is read across its rotated files ({@link RotatingLog}).
     *
     * @param ref ID, name or unique ID prefix
     * @param q streams, since/until, tail
     * @param follow keep streaming while the container runs
     * @param sink where entries go; always ended
     * @return the started pump; {@link LogPump#wake() wake} it when the sink is ready again, close it when
     *     the client goes away
     * @throws NotFoundException "No such container: <ref>"
     * @throws InvalidArgumentException "configured logging driver does not support reading" for the none
     *     driver (dockerd 20.10 daemon/logs.go, 400)
     */
    public LogPump logs(String ref, LogQuery q, boolean follow, LogSubscriber sink) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        if (!LogOptions.of(r.hostConfig()).readable()) {
            throw new InvalidArgumentException("configured logging driver does not support reading");
        }
        LogHub hub = io.output(c);
        RotatingLog log = new RotatingLog(LogWatch.files(r, config), true, hub.rotationLock());
        boolean untilPassed = q.untilNano() > 0 && q.untilNano() < System.currentTimeMillis() * 1_000_000L;
        LogPump pump;
        if (!follow || !r.state().isRunning() || untilPassed) {
            long size = log.size();
            pump = LogPump.snapshot(log, q, log.tailStart(size, q.tail()), size, sink);
        } else {
            pump = LogPump.live(hub, log, q, size -> log.tailStart(size, q.tail()), sink);
        }
        pump.start();
        return pump;
    }
}
