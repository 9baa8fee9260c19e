package io.berth.gateway.router.containers;

import io.berth.gateway.grpc.ResponseStream;
import io.berth.proto.monitor.v1.ContainerStatsRequest;
import io.berth.proto.monitor.v1.ContainerStatsResponse;

/**
 * What the stats route needs from the monitor service (berth.monitor.v1.Stats, stats.proto): a container's
 * samples, one or one a second. Throws the service's {@link io.berth.common.errors.BerthException} category.
 */
public interface StatsBackend {
    /** @return the ContainerStats stream (one message for stream=false) */
    ResponseStream<ContainerStatsResponse> stats(ContainerStatsRequest request);
}
