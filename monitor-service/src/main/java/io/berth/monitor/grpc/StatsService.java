package io.berth.monitor.grpc;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.ContainerStatsRequest;
import io.berth.proto.monitor.v1.ContainerStatsResponse;
import io.berth.proto.monitor.v1.StatsGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * gRPC adapter of the {@link StatsSampler}: serves {@code berth.monitor.v1.Stats}
 * (proto/src/main/proto/berth/monitor/v1/stats.proto).
 */
@Singleton
public final class StatsService extends StatsGrpc.StatsImplBase {
    private static final ContainerStats NOT_RUNNING = ContainerStats.newBuilder().setRunning(false).build();

    private final StatsSampler sampler;

    /** @param sampler the sampler */
    @Inject
    public StatsService(StatsSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * stream=false: the latest sample at once (with its previous one as "pre", dropped for one_shot), or
     * running=false. stream=true: a sample per sampler tick until the caller cancels.
     *
     * @throws InvalidArgumentException (INVALID_ARGUMENT) without a container ID
     */
    @Override
    public void containerStats(ContainerStatsRequest request, StreamObserver<ContainerStatsResponse> response) {
        if (request.getContainerId().isEmpty()) {
            throw new InvalidArgumentException("container_id is required");
        }
        String id = request.getContainerId();
        if (!request.getStream()) {
            ContainerStats s = sampler.latest(id).orElse(NOT_RUNNING);
            if (request.getOneShot()) {
                s = s.toBuilder().clearPreread().clearPrecpu().build();
            }
            response.onNext(ContainerStatsResponse.newBuilder().setStats(s).build());
            response.onCompleted();
            return;
        }
        ServerCallStreamObserver<ContainerStatsResponse> call =
                (ServerCallStreamObserver<ContainerStatsResponse>) response;
        Object sendLock = new Object();
        Runnable[] stop = new Runnable[1];
        call.setOnCancelHandler(() -> {
            synchronized (sendLock) {
                if (stop[0] != null) {
                    stop[0].run();
                }
            }
        });
        synchronized (sendLock) {
            stop[0] = sampler.subscribe(id, s -> {
                synchronized (sendLock) {
                    if (!call.isCancelled()) {
                        call.onNext(ContainerStatsResponse.newBuilder().setStats(s).build());
                    }
                }
            });
        }
        if (call.isCancelled()) {
            stop[0].run();
        }
    }
}
