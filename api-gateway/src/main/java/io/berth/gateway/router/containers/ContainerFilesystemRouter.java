package io.berth.gateway.router.containers;

import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.router.StreamedDownloads;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.containers.ContainerChange;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.storage.v1.ExportSnapshotRequest;
import io.berth.proto.storage.v1.ExportSnapshotResponse;
import io.berth.proto.storage.v1.SnapshotChangesRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The routes of the Docker Engine API 1.41 that read a container's root filesystem (moby
 * {@code api/server/router/container}): {@code GET /containers/{id}/changes} ({@code docker diff}) and
 * {@code GET /containers/{id}/export} ({@code docker export}). {@code {id}} is a full ID, a name or a unique
 * ID prefix, resolved by the engine's inspect (404 "No such container: x"); the container's snapshot is
 * keyed by its full ID. Both work on created, running and stopped containers: storage reads the layers
 * without mounting them. Both ask storage to apply dockerd's init layer (storage-service's
 * {@code snapshot/tree/InitLayer}), so the mount points runc creates do not show, as with dockerd.
 */
public final class ContainerFilesystemRouter implements Router {
    private final ContainersBackend containers;
    private final SnapshotsBackend snapshots;

    /**
     * @param containers the engine (name and prefix resolution)
     * @param snapshots the storage service
     */
    @Inject
    public ContainerFilesystemRouter(ContainersBackend containers, SnapshotsBackend snapshots) {
        this.containers = containers;
        this.snapshots = snapshots;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/containers/{id}/changes", "getContainersChanges", this::getContainersChanges),
                Route.get("/containers/{id}/export", "getContainersExport", this::getContainersExport));
    }

    /**
     * {@code GET /containers/{id}/changes} (API 1.41): 200 with a JSON array of {@code {"Path","Kind"}} (0
     * modified, 1 added, 2 deleted), depth first with siblings in byte order; {@code null} when nothing
     * changed, as dockerd 20.10 encodes its empty (nil) list.
     */
    void getContainersChanges(ApiRequest req, HttpExchange ex) {
        String id = containerId(req);
        List<ContainerChange> changes = snapshots.changes(SnapshotChangesRequest.newBuilder().setKey(id)
                .setDockerInitLayer(true).build()).getChangesList().stream().map(ContainerChange::of).toList();
        ex.json(HttpResponseStatus.OK, changes.isEmpty() ? null : changes);
    }

    /**
     * {@code GET /containers/{id}/export} (API 1.41): 200, {@code Content-Type: application/x-tar}, chunked,
     * the flat tar of the container's filesystem streamed as storage produces it (each chunk written before
     * the next is requested, so a slow client slows the export). A 404 comes before any header; a failure
     * after the headers ends the body early (dockerd also cuts the stream then).
     */
    void getContainersExport(ApiRequest req, HttpExchange ex) throws InterruptedException {
        String id = containerId(req);
        StreamedDownloads.send(ex, snapshots.export(ExportSnapshotRequest.newBuilder().setKey(id)
                .setDockerInitLayer(true).build()), "application/x-tar", ExportSnapshotResponse::getData);
    }

    private String containerId(ApiRequest req) {
        return containers.inspect(InspectContainerRequest.newBuilder().setId(req.param("id")).build())
                .getContainer().getId();
    }
}
