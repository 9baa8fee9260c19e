package io.berth.gateway.router.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.json.Json;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.volumes.VolumesBackend;
import io.berth.gateway.types.system.DiskUsage;
import io.berth.gateway.types.system.DiskUsageMapper;
import io.berth.gateway.types.volumes.Volume;
import io.berth.proto.engine.v1.ListVolumesRequest;
import io.berth.proto.storage.v1.ListImagesRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Disk usage routes of the Docker Engine API 1.41: {@code GET /system/df} (moby
 * {@code api/server/router/system}, {@code getDiskUsage}) and {@code POST /build/prune} (moby
 * {@code api/server/router/build}, {@code postPrune}) answering berth's always empty build cache.
 */
public final class DiskUsageRouter implements Router {
    private final SystemBackend system;
    private final ImagesBackend images;
    private final DiskUsageBackend backend;
    private final VolumesBackend volumes;
    private final Clock clock;

    /**
     * @param system the engine's containers
     * @param images the storage service's images
     * @param backend the storage service's snapshots
     * @param volumes the engine's volumes
     * @param clock the clock (containers' Status texts)
     */
    @Inject
    public DiskUsageRouter(SystemBackend system, ImagesBackend images, DiskUsageBackend backend,
                           VolumesBackend volumes, Clock clock) {
        this.system = system;
        this.images = images;
        this.backend = backend;
        this.volumes = volumes;
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
     * (storage walks each container's layer), so this costs about one directory walk per container; so are the
     * volumes (the engine walks each one's data): {@code Volumes} lists every volume with
     * {@code UsageData {Size, RefCount}} (moby daemon/disk_usage.go), from which the CLI computes the Local
     * Volumes row (ACTIVE: RefCount > 0, RECLAIMABLE: the sizes of the others) and {@code -v}'s VOLUME NAME,
     * LINKS, SIZE table.
     */
    void getDiskUsage(ApiRequest req, HttpExchange ex) {
        var containers = system.listAllContainers();
        var all = images.listImages(ListImagesRequest.newBuilder().setAll(true).build());
        DiskUsage usage = DiskUsageMapper.of(all, containers, backend::stat, backend::usageBytes, clock.instant());
        List<Object> vols = new ArrayList<>();
        for (var v : volumes.list(ListVolumesRequest.newBuilder().setWithSizes(true).build()).getVolumesList()) {
            Volume json = Volume.of(v);
            vols.add(new Volume(json.createdAt(), json.driver(), json.labels(), json.mountpoint(), json.name(),
                    json.options(), json.scope(), new Volume.UsageData(v.getSizeBytes(), v.getRefCount())));
        }
        ex.json(HttpResponseStatus.OK, new DiskUsage(usage.layersSize(), usage.images(), usage.containers(), vols,
                usage.buildCache()));
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
    record BuildPruneResponse(@JsonProperty("CachesDeleted") List<String> cachesDeleted,
                              @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
    }
}
