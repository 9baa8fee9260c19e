package io.berth.gateway.router.networks;

import io.berth.proto.engine.v1.ConnectNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkResponse;
import io.berth.proto.engine.v1.DisconnectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkResponse;
import io.berth.proto.engine.v1.ListNetworksRequest;
import io.berth.proto.engine.v1.ListNetworksResponse;
import io.berth.proto.engine.v1.PruneNetworksRequest;
import io.berth.proto.engine.v1.PruneNetworksResponse;
import io.berth.proto.engine.v1.RemoveNetworkRequest;

/**
 * What the networks router needs from the engine (berth.engine.v1.Networks). Each method takes the rpc's proto
 * request and returns its proto response, throwing the engine's {@link io.berth.common.errors.BerthException}
 * category (NotFound "network x not found", AlreadyExists, PermissionDenied, InvalidArgument, NotImplemented).
 */
public interface NetworksBackend {
    /** @return CreateNetwork */
    CreateNetworkResponse create(CreateNetworkRequest request);

    /** @return ListNetworks */
    ListNetworksResponse list(ListNetworksRequest request);

    /** @return InspectNetwork */
    InspectNetworkResponse inspect(InspectNetworkRequest request);

    /** RemoveNetwork. */
    void remove(RemoveNetworkRequest request);

    /** @return PruneNetworks */
    PruneNetworksResponse prune(PruneNetworksRequest request);

    /** ConnectNetwork. */
    void connect(ConnectNetworkRequest request);

    /** DisconnectNetwork. */
    void disconnect(DisconnectNetworkRequest request);
}
