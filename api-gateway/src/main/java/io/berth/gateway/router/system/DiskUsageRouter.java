package io.berth.gateway.router.system;

import io.berth.common.json.Json;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.system.DiskUsageMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Disk usage routes of the Docker Engine API 1.41: {@code GET /system/df} (moby
 * {@code api/server/router/system}, {@code getDiskUsage}) and {@code POST /build/prune} (moby
 * {@code api/server/router/build}, {@code postPrune}) answering berth's always empty build cache.
 */
public final class DiskUsageRouter implements Router {
    private final DiskUsageBackend backend;
    private final Clock clock;

    /**
     * @param backend the engine's containers and the storage service's images and snapshots
     * @param clock the clock (containers' Status texts)
     */
    @Inject
    public DiskUsageRouter(DiskUsageBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/system/df", "getDiskUsage", this::getDiskUsage),
                Route.post("/build/prune", "postPrune", this::postBuildPrune));
    }

    /**
     * {@code GET /system/df} (API 1.41): {@link io.berth.gateway.types.system.DiskUsage} from
     * {@link DiskUsageMapper}; 503 if the engine or storage is down. The writable layers are measured now
     * (storage walks each container's layer), so this costs about one directory walk per container.
     */
    void getDiskUsage(ApiRequest req, HttpExchange ex) {
        var containers = backend.listAllContainers();
        var images = backend.listAllImages();
        ex.json(HttpResponseStatus.OK, DiskUsageMapper.of(images, containers, backend::stat, backend::usageBytes,
                clock.instant()));
    }

    /**
     * {@code POST /build/prune} (API 1.41): berth has no builder, so its cache is always empty:
     * {@code {"CachesDeleted":null,"SpaceReclaimed":0}} as dockerd answers an empty cache.
     */
    void postBuildPrune(ApiRequest req, HttpExchange ex) {
        ex.respond(HttpResponseStatus.OK, "application/json",
                Json.line(new BuildPruneResponse(null, 0)));
    }

    /**
     * moby {@code types.BuildCachePruneReport}.
     *
     * @param cachesDeleted CachesDeleted (IDs of the removed cache records; null when none)
     * @param spaceReclaimed SpaceReclaimed in bytes
     */
    record BuildPruneResponse(@com.fasterxml.jackson.annotation.JsonProperty("CachesDeleted") List<String> cachesDeleted,
                              @com.fasterxml.jackson.annotation.JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }
}
