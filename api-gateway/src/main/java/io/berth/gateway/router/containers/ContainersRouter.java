package io.berth.gateway.router.containers;

import io.berth.common.errors.BerthException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.PlatformSpecifier;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.containers.ContainerCreateResponse;
import io.berth.gateway.types.containers.ContainerInspectMapper;
import io.berth.gateway.types.containers.ContainerSummary;
import io.berth.gateway.types.containers.ContainerSummaryMapper;
import io.berth.gateway.types.containers.ContainerWaitResponse;
import io.berth.gateway.types.containers.create.ContainerCreateBinding;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.engine.v1.InspectContainerResponse;
import io.berth.proto.engine.v1.KillContainerRequest;
import io.berth.proto.engine.v1.ResizeContainerRequest;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.engine.v1.RemoveContainerRequest;
import io.berth.proto.engine.v1.StartContainerRequest;
import io.berth.proto.engine.v1.StopContainerRequest;
import io.berth.proto.engine.v1.WaitCondition;
import io.berth.proto.engine.v1.WaitContainerRequest;
import io.berth.proto.engine.v1.WaitContainerResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Container lifecycle routes of the Docker Engine API 1.41 (moby {@code api/server/router/container}):
 * create, list, inspect, start, stop, kill, wait, remove, resize (restart, pause, ... are in
 * {@link ContainerLifecycleRouter}). Logs and attach are in
 * {@link ContainerStreamsRouter}. {@code {id}} is a full ID, a name or a unique ID prefix.
 */
public final class ContainersRouter implements Router {
    private final ContainersBackend backend;
    private final Clock clock;
    private final ContainerSizes sizes;

    /**
     * @param backend the engine
     * @param sizes SizeRw and SizeRootFs for {@code ?size=1} (from storage)
     * @param clock the clock (list Status texts)
     */
    @Inject
    public ContainersRouter(ContainersBackend backend, ContainerSizes sizes, Clock clock) {
        this.backend = backend;
        this.sizes = sizes;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/containers/create", "postContainersCreate", this::postContainersCreate),
                Route.get("/containers/json", "getContainersJSON", this::getContainersJSON),
                Route.get("/containers/{id}/json", "getContainersByName", this::getContainersByName),
                Route.post("/containers/{id}/start", "postContainersStart", this::postContainersStart),
                Route.post("/containers/{id}/stop", "postContainersStop", this::postContainersStop),
                Route.post("/containers/{id}/kill", "postContainersKill", this::postContainersKill),
                Route.post("/containers/{id}/resize", "postContainersResize", this::postContainersResize),
                Route.post("/containers/{id}/wait", "postContainersWait", this::postContainersWait),
                Route.delete("/containers/{id}", "deleteContainers", this::deleteContainers));
    }

    /** {@code POST /containers/create?name=} (API 1.41): 201 {"Id","Warnings":[]}; 404 no image; 409 name in use. */
    void postContainersCreate(ApiRequest req, HttpExchange ex) {
        req.requireJsonContentType();
        String platform = req.query().get("platform", "");
        if (!platform.isEmpty()) {
            PlatformSpecifier.parse(platform);
        }
        var request = ContainerCreateBinding.bind(req.query().get("name", ""), req.json());
        ex.json(HttpResponseStatus.CREATED, ContainerCreateResponse.of(backend.create(request)));
    }

    /** {@code GET /containers/json?all&limit&size&filters} (API 1.41): array of ContainerSummary. */
    void getContainersJSON(ApiRequest req, HttpExchange ex) {
        long limit = req.query().integer("limit", 0);
        Instant now = clock.instant();
        var containers = backend.list(ListContainersRequest.newBuilder()
                .setAll(req.query().bool("all", false) || limit > 0)
                .setLimit((int) Math.max(0, Math.min(Integer.MAX_VALUE, limit)))
                .setFilters(req.query().filters())
                .build());
        if (!req.query().bool("size", false)) {
            List<ContainerSummary> out = containers.stream().map(c -> ContainerSummaryMapper.of(c, now)).toList();
            ex.json(HttpResponseStatus.OK, out);
            return;
        }
        ContainerSizes.Calculator calc = sizes.calculator();
        ex.json(HttpResponseStatus.OK, containers.stream().map(c -> {
            ContainerSizes.Sizes s = calc.of(c.getId(), c.getImageId());
            // moby's types.Container: SizeRw and SizeRootFs are int64 with omitempty.
            return ContainerSummaryMapper.withSizes(ContainerSummaryMapper.of(c, now), s.rw() > 0 ? s.rw() : null,
                    s.rootFs() > 0 ? s.rootFs() : null);
        }).toList());
    }

    /** {@code GET /containers/{id}/json?size} (API 1.41): ContainerInspectResponse; 404 "No such container: x". */
    void getContainersByName(ApiRequest req, HttpExchange ex) {
        InspectContainerResponse r = backend.inspect(
                InspectContainerRequest.newBuilder().setId(req.param("id")).build());
        if (!req.query().bool("size", false)) {
            ex.json(HttpResponseStatus.OK, ContainerInspectMapper.of(r.getContainer(), -1, r.getExecIdsList()));
            return;
        }
        // moby's ContainerJSONBase: SizeRw and SizeRootFs are *int64, present (even 0) whenever size=1.
        ContainerSizes.Sizes s = sizes.calculator().of(r.getContainer().getId(), r.getContainer().getImageId());
        ex.json(HttpResponseStatus.OK, ContainerInspectMapper.of(r.getContainer(), s.rw(), s.rootFs(),
                r.getExecIdsList()));
    }

    /** {@code POST /containers/{id}/start} (API 1.41): 204, or 304 if it was running already. */
    void postContainersStart(ApiRequest req, HttpExchange ex) {
        boolean already = backend.start(startRequest(req)).getAlreadyRunning();
        ex.empty(already ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/{id}/stop?t=} (API 1.41): 204, or 304 if it was not running. */
    void postContainersStop(ApiRequest req, HttpExchange ex) {
        boolean already = backend.stop(stopRequest(req)).getAlreadyStopped();
        ex.empty(already ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/{id}/kill?signal=} (API 1.41): 204; 409 if not running. */
    void postContainersKill(ApiRequest req, HttpExchange ex) {
        backend.kill(KillContainerRequest.newBuilder().setId(req.param("id"))
                .setSignal(req.query().get("signal", "")).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /**
     * {@code POST /containers/{id}/resize?h=&w=} (API 1.41, moby's postContainersResize): 200 with an empty
     * body; 400 with Go's Atoi error for a missing or malformed {@code h} or {@code w} (checked before the
     * container); 404; 409 "Container <id> is not running". A container without a TTY accepts it.
     */
    void postContainersResize(ApiRequest req, HttpExchange ex) {
        long h = req.query().atoi("h");
        long w = req.query().atoi("w");
        backend.resize(ResizeContainerRequest.newBuilder().setId(req.param("id"))
                .setHeight((int) h).setWidth((int) w).build());
        ex.respond(HttpResponseStatus.OK, null, new byte[0]);
    }

    /** {@code DELETE /containers/{id}?force&v} (API 1.41): 204; 409 if running and not forced. */
    void deleteContainers(ApiRequest req, HttpExchange ex) {
        backend.remove(RemoveContainerRequest.newBuilder().setId(req.param("id"))
                .setForce(req.query().bool("force", false))
                .setRemoveVolumes(req.query().bool("v", false)).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /**
     * {@code POST /containers/{id}/wait?condition=} (API 1.41): 200 and chunked headers as soon as the engine
     * has registered the waiter (the CLI starts the container only then), then
     * {@code {"Error":null,"StatusCode":N}} as the last chunk. A client hang-up cancels the engine call.
     */
    void postContainersWait(ApiRequest req, HttpExchange ex) throws InterruptedException {
        WaitContainerRequest request = WaitContainerRequest.newBuilder().setId(req.param("id"))
                .setCondition(condition(req.query().get("condition", ""))).build();
        ResponseStream<WaitContainerResponse> s = backend.waitContainer(request);
        ex.onClose(s::close);
        ChunkedBody out = null;
        try {
            WaitContainerResponse r;
            while ((r = s.next()) != null) {
                if (out == null) {
                    out = ex.startChunked(HttpResponseStatus.OK, "application/json");
                }
                if (!r.getRegistered()) {
                    out.write(Json.line(ContainerWaitResponse.of(r)));
                    out.end();
                    return;
                }
            }
            if (out == null) {
                out = ex.startChunked(HttpResponseStatus.OK, "application/json");
            }
            out.write(Json.line(ContainerWaitResponse.failed("the engine ended the wait without a result")));
        } catch (BerthException e) {
            if (out == null) {
                throw e;
            }
            out.write(Json.line(ContainerWaitResponse.failed(e.getMessage())));
        } finally {
            s.close();
        }
        out.end();
    }

    private static StartContainerRequest startRequest(ApiRequest req) {
        return StartContainerRequest.newBuilder().setId(req.param("id")).build();
    }

    private static StopContainerRequest stopRequest(ApiRequest req) {
        StopContainerRequest.Builder b = StopContainerRequest.newBuilder().setId(req.param("id"));
        String t = req.query().get("t");
        if (t != null && !t.isBlank()) {
            b.setTimeoutSeconds((int) req.query().integer("t", 0));
        }
        return b.build();
    }

    private static WaitCondition condition(String c) {
        return switch (c) {
            case "", "not-running" -> WaitCondition.WAIT_CONDITION_NOT_RUNNING;
            case "next-exit" -> WaitCondition.WAIT_CONDITION_NEXT_EXIT;
            case "removed" -> WaitCondition.WAIT_CONDITION_REMOVED;
            default -> throw new InvalidArgumentException("invalid condition: \"" + c
                    + "\" (expected not-running, next-exit or removed)");
        };
    }
}
