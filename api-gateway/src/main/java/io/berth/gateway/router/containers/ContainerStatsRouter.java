package io.berth.gateway.router.containers;

import io.berth.common.json.Json;
import io.berth.gateway.grpc.ResponseStream;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.ChunkedBody;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.containers.stats.ContainerStatsMapper;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.InspectContainerRequest;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.ContainerStatsRequest;
import io.berth.proto.monitor.v1.ContainerStatsResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code GET /containers/{id}/stats} of the Docker Engine API 1.41 ({@code docker stats}; moby
 * api/server/router/container {@code getContainersStats} and daemon/stats.go). {@code {id}} is a full ID, a
 * name or a unique prefix, resolved by the engine's inspect (404 "No such container: x" before any header).
 * The samples come from monitor-service's sampler (berth.monitor.v1.Stats), which reads the container's cgroup
 * once a second.
 * <ul>
 *   <li>{@code stream} (default true): a chunked stream, headers flushed at once, one JSON object per chunk
 *       and per second, each with the sample before it as precpu_stats/preread, until the client leaves;
 *       while the container is not running each object is the zero-valued one.</li>
 *   <li>{@code stream=false}: one object with a Content-Length, at once: the sampler's latest sample with the
 *       one a second before as precpu (dockerd instead waits for two samples); a container that is not running
 *       gives dockerd's zero-valued object with name and id.</li>
 *   <li>{@code one-shot=true} with {@code stream=false}: the latest sample without precpu (zero precpu and
 *       preread, as dockerd's one-shot).</li>
 * </ul>
 */
public final class ContainerStatsRouter implements Router {
    private final ContainersBackend containers;
    private final StatsBackend stats;

    /**
     * @param containers the engine (name resolution, running state)
     * @param stats the monitor service
     */
    @Inject
    public ContainerStatsRouter(ContainersBackend containers, StatsBackend stats) {
        this.containers = containers;
        this.stats = stats;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/containers/{id}/stats", "getContainersStats", this::getContainersStats));
    }

    /** {@code GET /containers/{id}/stats?stream&one-shot} (API 1.41), as the class describes. */
    void getContainersStats(ApiRequest req, HttpExchange ex) throws InterruptedException {
        boolean stream = req.query().bool("stream", true);
        boolean oneShot = req.query().bool("one-shot", false);
        Container c = containers.inspect(InspectContainerRequest.newBuilder().setId(req.param("id")).build())
                .getContainer();
        String name = c.getName().startsWith("/") ? c.getName() : "/" + c.getName();
        boolean running = c.getState().getRunning() && !c.getState().getRestarting();
        if (!stream && !running) {
            ex.json(HttpResponseStatus.OK, ContainerStatsMapper.zero(name, c.getId()));
            return;
        }
        ResponseStream<ContainerStatsResponse> samples = stats.stats(ContainerStatsRequest.newBuilder()
                .setContainerId(c.getId()).setStream(stream).setOneShot(oneShot).build());
        ex.onClose(samples::close);
        try {
            if (!stream) {
                ContainerStatsResponse r = samples.next();
                ContainerStats s = r == null ? ContainerStats.getDefaultInstance() : r.getStats();
                ex.json(HttpResponseStatus.OK, ContainerStatsMapper.of(s, name, c.getId()));
                return;
            }
            ChunkedBody out = ex.startChunked(HttpResponseStatus.OK, "application/json");
            for (ContainerStatsResponse r = samples.next(); r != null; r = samples.next()) {
                out.write(Json.line(ContainerStatsMapper.of(r.getStats(), name, c.getId())));
            }
            out.end();
        } finally {
            samples.close();
        }
    }
}
