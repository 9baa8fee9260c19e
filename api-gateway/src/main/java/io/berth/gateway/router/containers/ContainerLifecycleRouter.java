package io.berth.gateway.router.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.proto.engine.v1.PauseContainerRequest;
import io.berth.proto.engine.v1.PruneContainersRequest;
import io.berth.proto.engine.v1.PruneContainersResponse;
import io.berth.proto.engine.v1.RenameContainerRequest;
import io.berth.proto.engine.v1.RestartContainerRequest;
import io.berth.proto.engine.v1.TopContainerRequest;
import io.berth.proto.engine.v1.TopContainerResponse;
import io.berth.proto.engine.v1.TopRow;
import io.berth.proto.engine.v1.UnpauseContainerRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Container lifecycle routes of the Docker Engine API 1.41 beyond create/start/stop/kill/rm (moby
 * {@code api/server/router/container}): pause, unpause, rename, update, top, restart and prune, each a call of
 * the engine's berth.engine.v1.ContainerLifecycle.
 */
public final class ContainerLifecycleRouter implements Router {
    /** Docker's ContainerTopOKBody. */
    record TopBody(@JsonProperty("Processes") List<List<String>> processes,
                   @JsonProperty("Titles") List<String> titles) {
    }

    /** Docker's ContainerUpdateOKBody. */
    record UpdateBody(@JsonProperty("Warnings") List<String> warnings) {
    }

    /** Docker's ContainersPruneReport. */
    record PruneBody(@JsonProperty("ContainersDeleted") List<String> deleted,
                     @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }

    private final LifecycleBackend backend;

    /** @param backend the engine */
    @Inject
    public ContainerLifecycleRouter(LifecycleBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/containers/{id}/pause", "postContainersPause", this::pause),
                Route.post("/containers/{id}/unpause", "postContainersUnpause", this::unpause),
                Route.post("/containers/{id}/rename", "postContainerRename", this::rename),
                Route.post("/containers/{id}/update", "postContainerUpdate", this::update),
                Route.get("/containers/{id}/top", "getContainersTop", this::top),
                Route.post("/containers/{id}/restart", "postContainersRestart", this::restart),
                Route.post("/containers/prune", "postContainersPrune", this::prune));
    }

    /** {@code POST /containers/{id}/pause}: 204; 404; 409 not running or already paused. */
    void pause(ApiRequest req, HttpExchange ex) {
        backend.pause(PauseContainerRequest.newBuilder().setId(req.param("id")).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/{id}/unpause}: 204; 404; 409 not paused. */
    void unpause(ApiRequest req, HttpExchange ex) {
        backend.unpause(UnpauseContainerRequest.newBuilder().setId(req.param("id")).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/{id}/rename?name=}: 204; 400 empty/invalid/same name; 404; 409 name in use. */
    void rename(ApiRequest req, HttpExchange ex) {
        backend.rename(RenameContainerRequest.newBuilder().setId(req.param("id"))
                .setName(req.query().get("name", "")).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/{id}/update}: 200 {"Warnings":[...]}; 400 bad value; 404; 409 conflicts. */
    void update(ApiRequest req, HttpExchange ex) {
        var r = backend.update(UpdateBinding.bind(req.param("id"), req.json()));
        ex.json(HttpResponseStatus.OK, new UpdateBody(r.getWarningsList()));
    }

    /** {@code GET /containers/{id}/top?ps_args=}: 200 {"Processes":[[...]],"Titles":[...]}; 404; 409 not running. */
    void top(ApiRequest req, HttpExchange ex) {
        TopContainerResponse r = backend.top(TopContainerRequest.newBuilder().setId(req.param("id"))
                .setPsArgs(req.query().get("ps_args", "")).build());
        ex.json(HttpResponseStatus.OK, new TopBody(
                r.getProcessesList().stream().map(TopRow::getValuesList).map(List::copyOf).toList(),
                r.getTitlesList()));
    }

    /** {@code POST /containers/{id}/restart?t=}: stop (if running), then start; 204; 404. */
    void restart(ApiRequest req, HttpExchange ex) {
        RestartContainerRequest.Builder b = RestartContainerRequest.newBuilder().setId(req.param("id"));
        String t = req.query().get("t");
        if (t != null && !t.isBlank()) {
            b.setTimeoutSeconds((int) req.query().integer("t", 0));
        }
        backend.restart(b.build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /containers/prune?filters=}: 200 {"ContainersDeleted":[...] or null,"SpaceReclaimed":N}. */
    void prune(ApiRequest req, HttpExchange ex) {
        PruneContainersResponse r = backend.prune(PruneContainersRequest.newBuilder()
                .setFilters(req.query().filters()).build());
        ex.json(HttpResponseStatus.OK, new PruneBody(
                r.getContainersDeletedCount() == 0 ? null : r.getContainersDeletedList(), r.getSpaceReclaimed()));
    }
}
