package io.berth.gateway.router.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.DockerJsonBinder;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.volumes.Volume;
import io.berth.gateway.types.volumes.VolumeCreateRequest;
import io.berth.gateway.types.volumes.VolumeListResponse;
import io.berth.gateway.types.volumes.VolumesPruneResponse;
import io.berth.proto.engine.v1.CreateVolumeRequest;
import io.berth.proto.engine.v1.InspectVolumeRequest;
import io.berth.proto.engine.v1.ListVolumesRequest;
import io.berth.proto.engine.v1.PruneVolumesRequest;
import io.berth.proto.engine.v1.PruneVolumesResponse;
import io.berth.proto.engine.v1.RemoveVolumeRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The volume routes of the Docker Engine API 1.41 (moby api/server/router/volume): {@code GET /volumes},
 * {@code POST /volumes/create}, {@code POST /volumes/prune}, {@code GET /volumes/{name}} and
 * {@code DELETE /volumes/{name}}, with dockerd 20.10's statuses: 201 for a create (also of an existing
 * volume), 204 for a removal, 404 "get x: no such volume" (so that {@code docker inspect nosuch} moves on to
 * the next kind of object), 409 "remove x: volume is in use - [ids]", 400 for a bad name, option or filter.
 */
public final class VolumesRouter implements Router {
    private final VolumesBackend backend;

    /** @param backend the engine */
    @Inject
    public VolumesRouter(VolumesBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/volumes", "getVolumesList", this::list),
                Route.post("/volumes/create", "postVolumesCreate", this::create),
                Route.post("/volumes/prune", "postVolumesPrune", this::prune),
                Route.get("/volumes/{name}", "getVolumeByName", this::inspect),
                Route.delete("/volumes/{name}", "deleteVolumes", this::remove));
    }

    /** {@code GET /volumes?filters=}: 200 {@code {"Volumes":[...],"Warnings":null}}. */
    void list(ApiRequest req, HttpExchange ex) {
        List<Volume> volumes = backend.list(ListVolumesRequest.newBuilder().setFilters(req.query().filters()).build())
                .getVolumesList().stream().map(Volume::of).toList();
        ex.json(HttpResponseStatus.OK, new VolumeListResponse(volumes, null));
    }

    /** {@code POST /volumes/create} with a VolumeConfig body: 201 Volume; an empty body is Go's EOF, a 400. */
    void create(ApiRequest req, HttpExchange ex) {
        req.requireJsonContentType();
        JsonNode n = req.json();
        if (n.isNull() || n.isMissingNode()) {
            throw new InvalidArgumentException("got EOF while reading request body");
        }
        VolumeCreateRequest body = DockerJsonBinder.bind(n, VolumeCreateRequest.class);
        CreateVolumeRequest.Builder b = CreateVolumeRequest.newBuilder()
                .setName(body.name() == null ? "" : body.name())
                .setDriver(body.driver() == null ? "" : body.driver())
                .setDriverOptsSet(body.driverOpts() != null).setLabelsSet(body.labels() != null);
        if (body.driverOpts() != null) {
            b.putAllDriverOpts(body.driverOpts());
        }
        if (body.labels() != null) {
            b.putAllLabels(body.labels());
        }
        ex.json(HttpResponseStatus.CREATED, Volume.of(backend.create(b.build()).getVolume()));
    }

    /** {@code GET /volumes/{name}}: 200 Volume, 404 "get x: no such volume". */
    void inspect(ApiRequest req, HttpExchange ex) {
        ex.json(HttpResponseStatus.OK, Volume.of(backend.inspect(InspectVolumeRequest.newBuilder()
                .setName(req.param("name")).build()).getVolume()));
    }

    /** {@code DELETE /volumes/{name}?force=}: 204. */
    void remove(ApiRequest req, HttpExchange ex) {
        backend.remove(RemoveVolumeRequest.newBuilder().setName(req.param("name"))
                .setForce(req.query().bool("force", false)).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /volumes/prune?filters=}: 200 {@code {"VolumesDeleted":[...]|null,"SpaceReclaimed":n}}. */
    void prune(ApiRequest req, HttpExchange ex) {
        PruneVolumesResponse r = backend.prune(PruneVolumesRequest.newBuilder()
                .setFilters(req.query().filters()).build());
        ex.json(HttpResponseStatus.OK, new VolumesPruneResponse(
                r.getVolumesDeletedCount() == 0 ? null : r.getVolumesDeletedList(), r.getSpaceReclaimed()));
    }
}
