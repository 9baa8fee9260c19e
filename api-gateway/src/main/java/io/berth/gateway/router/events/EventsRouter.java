package io.berth.gateway.router.events;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.common.time.GoDuration;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.events.EventMessageMapper;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.berth.proto.monitor.v1.SubscribeEventsResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Event routes of the Docker Engine API 1.41 (moby {@code api/server/router/system}, {@code getEvents}):
 * {@code GET /events?since&until&filters} as a chunked stream of JSON objects, one per chunk, each followed by
 * "\n" and flushed at once.
 */
public final class EventsRouter implements Router {
    private static final ScheduledExecutorService UNTIL_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "events-until");
        t.setDaemon(true);
        return t;
    });

    private final EventsBackend backend;
    private final Clock clock;

    /**
     * @param backend the monitor service
     * @param clock the clock (to tell a future {@code until} from a past one)
     */
    @Inject
    public EventsRouter(EventsBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/events", "getEvents", this::getEvents));
    }

    /**
     * {@code GET /events} (API 1.41). since/until: unix seconds with an optional fraction, RFC 3339 or a Go
     * duration before now ({@link #eventTime}).
     * Without since and until: live events only. With until but no since: history from the start (as dockerd).
     * With an until in the future: live events until then. The stream ends when the client disconnects (the
     * subscription is cancelled) or until is reached. Headers are flushed at once.
     */
    void getEvents(ApiRequest req, HttpExchange ex) throws InterruptedException {
        long nowNanos = DockerTime.toNanos(clock.instant());
        long since = eventTime(req.query().get("since"), "since", nowNanos);
        long until = eventTime(req.query().get("until"), "until", nowNanos);
        if (since != 0 && until != 0 && until < since) {
            throw new InvalidArgumentException("`since` time (" + req.query().get("since")
                    + ") cannot be after `until` time (" + req.query().get("until") + ")");
        }
        if (since == 0 && until != 0) {
            since = 1;
        }
        SubscribeEventsRequest.Builder sub = SubscribeEventsRequest.newBuilder()
                .setSinceNano(since).setUntilNano(until).setFilters(req.query().filters());
        ResponseStream<SubscribeEventsResponse> events = backend.subscribe(sub.build());
        ex.onClose(events::close);
        ScheduledFuture<?> stop = null;
        // Set before the stream is closed, so the reader woken by the close knows it was `until`, not the client.
        AtomicBoolean untilReached = new AtomicBoolean();
        if (until > nowNanos) {
            stop = UNTIL_TIMER.schedule(() -> {
                untilReached.set(true);
                events.close();
            }, until - nowNanos, TimeUnit.NANOSECONDS);
        }
        ChunkedBody out = ex.startChunked(HttpResponseStatus.OK, "application/json");
        try {
            SubscribeEventsResponse r;
            while ((r = nextOrNullWhenStopped(events, untilReached)) != null) {
                Event e = r.getEvent();
                if (until != 0 && e.getTimeNano() > until) {
                    break;
                }
                out.write(Json.line(EventMessageMapper.of(e)));
            }
        } finally {
            if (stop != null) {
                stop.cancel(false);
            }
            events.close();
        }
        out.end();
    }

    /**
     * A {@code since}/{@code until} value: what {@link DockerTime#parseQueryTime} takes (unix seconds with a
     * fraction, RFC 3339), or a Go duration ({@code 1h}, {@code 90m}, {@code 1.5s}) meaning that long before now
     * (a negative one: after now). The docker CLI turns {@code --since 1h} into unix seconds itself (docker-cli
     * {@code timetypes.GetTimestamp}); dockerd's API takes only timestamps, berth also takes the durations so
     * that plain HTTP clients can write {@code ?since=1h}. {@code "0"} is the unix time 0, as in Go.
     *
     * @return nanoseconds since the epoch, 0 for no bound
     */
    static long eventTime(String value, String name, long nowNanos) {
        if (value != null && !value.equals("0")) {
            OptionalLong d = GoDuration.parseNanos(value.trim());
            if (d.isPresent()) {
                return Math.max(1, nowNanos - d.getAsLong());
            }
        }
        return DockerTime.parseQueryTime(value, name);
    }

    private static SubscribeEventsResponse nextOrNullWhenStopped(ResponseStream<SubscribeEventsResponse> events,
                                                                 AtomicBoolean untilReached)
            throws InterruptedException {
        try {
            return events.next();
        } catch (RuntimeException e) {
            if (untilReached.get()) {
                return null;
            }
            throw e;
        }
    }
}
