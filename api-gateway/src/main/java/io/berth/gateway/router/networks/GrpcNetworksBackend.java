package io.berth.gateway.router.networks;

import io.berth.gateway.grpc.ServiceCall;
import io.berth.proto.engine.v1.ConnectNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkResponse;
import io.berth.proto.engine.v1.DisconnectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkResponse;
import io.berth.proto.engine.v1.ListNetworksRequest;
import io.berth.proto.engine.v1.ListNetworksResponse;
import io.berth.proto.engine.v1.NetworksGrpc;
import io.berth.proto.engine.v1.PruneNetworksRequest;
import io.berth.proto.engine.v1.PruneNetworksResponse;
import io.berth.proto.engine.v1.RemoveNetworkRequest;
import jakarta.inject.Inject;

/** {@link NetworksBackend} over the engine's berth.engine.v1.Networks blocking stub. */
public final class GrpcNetworksBackend implements NetworksBackend {
    private final NetworksGrpc.NetworksBlockingStub stub;

    /** @param stub the engine's blocking Networks stub */
    @Inject
    public GrpcNetworksBackend(NetworksGrpc.NetworksBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public CreateNetworkResponse create(CreateNetworkRequest request) {
        return ServiceCall.call("engine", () -> stub.createNetwork(request));
    }

    @Override
    public ListNetworksResponse list(ListNetworksRequest request) {
        return ServiceCall.call("engine", () -> stub.listNetworks(request));
    }

    @Override
    public InspectNetworkResponse inspect(InspectNetworkRequest request) {
        return ServiceCall.call("engine", () -> stub.inspectNetwork(request));
    }

    @Override
    public void remove(RemoveNetworkRequest request) {
        ServiceCall.call("engine", () -> stub.removeNetwork(request));
    }

    @Override
    public PruneNetworksResponse prune(PruneNetworksRequest request) {
        return ServiceCall.call("engine", () -> stub.pruneNetworks(request));
    }

    @Override
    public void connect(ConnectNetworkRequest request) {
        ServiceCall.call("engine", () -> stub.connectNetwork(request));
    }

    @Override
    public void disconnect(DisconnectNetworkRequest request) {
        ServiceCall.call("engine", () -> stub.disconnectNetwork(request));
    }
}
