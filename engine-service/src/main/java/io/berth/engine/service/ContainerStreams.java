package io.berth.engine.service;

import io.berth.common.errors.NotFoundException;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.logs.JsonFileLog;
import io.berth.engine.logs.LogEntry;
import io.berth.engine.logs.LogHub;
import io.berth.engine.logs.LogQuery;
import io.berth.engine.logs.LogSubscriber;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Container output for clients: attach (Docker's {@code POST /containers/{id}/attach}) and logs
 * ({@code GET /containers/{id}/logs}), Engine API 1.41. Both read the json-file log for history and
 * subscribe to the container's {@link LogHub} for live output; replay and subscription happen atomically,
 * so nothing is lost or doubled. Streams end when the container's run ends.
 */
@Singleton
public final class ContainerStreams {
    private final ContainerStore store;
    private final ContainerEvents events;

    /**
     * @param store the container index
     * @param events event publishing (attach)
     */
    @Inject
    public ContainerStreams(ContainerStore store, ContainerEvents events) {
        this.store = store;
        this.events = events;
    }

    /**
     * Attaches to a container's output. The sink gets {@code attached()} once capture is registered (for
     * a created container: before it starts, so none of its output is missed), then the selected output,
     * then {@code onEnd()} when the container stops. If it is not running or created, or {@code stream}
     * is off, the sink ends right after the (optional) log replay. Publishes {@code attach}.
     *
     * @param ref ID, name or unique ID prefix
     * @param opts which streams, live or not, with the log or not
     * @param sink where output goes
     * @return the subscription; close it when the client goes away
     * @throws NotFoundException "No such container: <ref>"
     */
    public LogHub.Subscription attach(String ref, AttachOptions opts, OutputSink sink) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        LogQuery q = new LogQuery(opts.stdout(), opts.stderr(), 0, 0, -1);
        JsonFileLog log = new JsonFileLog(Path.of(r.logPath()));
        events.publish(r, "attach");
        boolean live = opts.stream() && (r.state().isRunning() || r.state().isCreated());
        if (!live) {
            sink.attached();
            if (opts.logs()) {
                log.read(q).forEach(sink::onEntry);
            }
            sink.onEnd();
            return () -> { };
        }
        return c.logHub().subscribeAfter(() -> {
            sink.attached();
            if (opts.logs()) {
                log.read(q).forEach(sink::onEntry);
            }
            return null;
        }, filtered(q, sink));
    }

    /**
     * Sends a container's log: the entries the query selects, then, with {@code follow} and a running
     * container, live entries until it stops (or passes {@code until}). Without follow it returns after
     * the replay.
     *
     * @param ref ID, name or unique ID prefix
     * @param q streams, since/until, tail
     * @param follow keep streaming while the container runs
     * @param sink where entries go; always ended
     * @return the subscription; close it when the client goes away
     * @throws NotFoundException "No such container: <ref>"
     */
    public LogHub.Subscription logs(String ref, LogQuery q, boolean follow, LogSubscriber sink) {
        Container c = store.get(ref);
        ContainerRecord r = c.record();
        JsonFileLog log = new JsonFileLog(Path.of(r.logPath()));
        boolean untilPassed = q.untilNano() > 0 && q.untilNano() < System.currentTimeMillis() * 1_000_000L;
        if (!follow || !r.state().isRunning() || untilPassed) {
            log.read(q).forEach(sink::onEntry);
            sink.onEnd();
            return () -> { };
        }
        return c.logHub().subscribeAfter(() -> {
            log.read(q).forEach(sink::onEntry);
            return null;
        }, filtered(q, sink));
    }

    private static LogSubscriber filtered(LogQuery q, LogSubscriber sink) {
        return new LogSubscriber() {
            private boolean ended;

            @Override
            public void onEntry(LogEntry e) {
                if (ended) {
                    return;
                }
                if (q.isAfterUntil(e)) {
                    onEnd();
                } else if (q.accepts(e)) {
                    sink.onEntry(e);
                }
            }

            @Override
            public void onEnd() {
                if (!ended) {
                    ended = true;
                    sink.onEnd();
                }
            }
        };
    }
}
