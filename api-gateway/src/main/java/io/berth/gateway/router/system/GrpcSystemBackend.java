package io.berth.gateway.router.system;

import io.berth.gateway.grpc.ServiceCall;
import io.berth.gateway.host.SystemFacts;
import io.berth.gateway.host.SystemFactsProbe;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainersGrpc;
import io.berth.proto.engine.v1.ListContainersRequest;
import io.berth.proto.storage.v1.GetStorageInfoRequest;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import io.berth.proto.storage.v1.ImagesGrpc;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SystemBackend} over the engine's Containers and the storage service's Images gRPC stubs, and the
 * gateway's {@link SystemFactsProbe} for the host's facts.
 */
public final class GrpcSystemBackend implements SystemBackend {
    private final ContainersGrpc.ContainersBlockingStub containers;
    private final ImagesGrpc.ImagesBlockingStub images;
    private final SystemFactsProbe facts;

    /**
     * @param containers berth.engine.v1.Containers
     * @param images berth.storage.v1.Images
     * @param facts measures the host and the gateway
     */
    @Inject
    public GrpcSystemBackend(ContainersGrpc.ContainersBlockingStub containers, ImagesGrpc.ImagesBlockingStub images,
                             SystemFactsProbe facts) {
        this.containers = containers;
        this.images = images;
        this.facts = facts;
    }

    @Override
    public List<Container> listAllContainers() {
        return ServiceCall.call("engine", () -> {
            List<Container> out = new ArrayList<>();
            containers.listContainers(ListContainersRequest.newBuilder().setAll(true).build())
                    .forEachRemaining(r -> out.addAll(r.getContainersList()));
            return out;
        });
    }

    @Override
    public GetStorageInfoResponse storageInfo() {
        return ServiceCall.call("storage", () -> images.getStorageInfo(GetStorageInfoRequest.getDefaultInstance()));
    }

    @Override
    public SystemFacts systemFacts() {
        return facts.measure();
    }
}
