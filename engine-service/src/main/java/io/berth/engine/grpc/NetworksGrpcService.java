package io.berth.engine.grpc;

import io.berth.common.time.DockerTime;
import io.berth.engine.network.EndpointSettings;
import io.berth.engine.network.IpamPool;
import io.berth.engine.network.NetworkFilters;
import io.berth.engine.network.NetworkRecord;
import io.berth.engine.network.NetworkService;
import io.berth.proto.engine.v1.ConnectNetworkRequest;
import io.berth.proto.engine.v1.ConnectNetworkResponse;
import io.berth.proto.engine.v1.CreateNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkResponse;
import io.berth.proto.engine.v1.DisconnectNetworkRequest;
import io.berth.proto.engine.v1.DisconnectNetworkResponse;
import io.berth.proto.engine.v1.EndpointConfig;
import io.berth.proto.engine.v1.InspectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkResponse;
import io.berth.proto.engine.v1.ListNetworksRequest;
import io.berth.proto.engine.v1.ListNetworksResponse;
import io.berth.proto.engine.v1.Network;
import io.berth.proto.engine.v1.NetworkContainer;
import io.berth.proto.engine.v1.NetworksGrpc;
import io.berth.proto.engine.v1.PruneNetworksRequest;
import io.berth.proto.engine.v1.PruneNetworksResponse;
import io.berth.proto.engine.v1.RemoveNetworkRequest;
import io.berth.proto.engine.v1.RemoveNetworkResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * berth.engine.v1 Networks (networks.proto) over {@link NetworkService}. Errors travel as the common error
 * categories (the server's interceptor maps them): NOT_FOUND, INVALID_ARGUMENT, ALREADY_EXISTS (409),
 * PERMISSION_DENIED (403), UNIMPLEMENTED (501).
 */
@Singleton
public final class NetworksGrpcService extends NetworksGrpc.NetworksImplBase {
    private final NetworkService networks;

    /** @param networks the network operations */
    @Inject
    public NetworksGrpcService(NetworkService networks) {
        this.networks = networks;
    }

    @Override
    public void createNetwork(CreateNetworkRequest req, StreamObserver<CreateNetworkResponse> out) {
        List<IpamPool> pools = req.getIpamConfigList().stream()
                .map(p -> new IpamPool(p.getSubnet(), p.getIpRange(), p.getGateway(), p.getAuxAddressesMap()))
                .toList();
        NetworkService.Created c = networks.create(new NetworkService.CreateSpec(req.getName(),
                req.getCheckDuplicate(), req.getDriver(), req.getInternal(), req.getAttachable(), req.getIngress(),
                req.getEnableIpv6(), req.getIpamDriver(), pools,
                req.getIpamOptionsSet() || req.getIpamOptionsCount() > 0 ? req.getIpamOptionsMap() : null,
                req.getOptionsMap(), req.getLabelsMap(), req.getConfigOnly(), req.getConfigFrom()));
        out.onNext(CreateNetworkResponse.newBuilder().setId(c.id()).setWarning(c.warning()).build());
        out.onCompleted();
    }

    @Override
    public void listNetworks(ListNetworksRequest req, StreamObserver<ListNetworksResponse> out) {
        NetworkFilters f = NetworkFilters.forList(ProtoMapper.toDomain(req.getFilters()));
        ListNetworksResponse.Builder b = ListNetworksResponse.newBuilder();
        networks.list(f).forEach(v -> b.addNetworks(toProto(v)));
        out.onNext(b.build());
        out.onCompleted();
    }

    @Override
    public void inspectNetwork(InspectNetworkRequest req, StreamObserver<InspectNetworkResponse> out) {
        out.onNext(InspectNetworkResponse.newBuilder().setNetwork(toProto(networks.inspect(req.getId()))).build());
        out.onCompleted();
    }

    @Override
    public void removeNetwork(RemoveNetworkRequest req, StreamObserver<RemoveNetworkResponse> out) {
        networks.remove(req.getId());
        out.onNext(RemoveNetworkResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void pruneNetworks(PruneNetworksRequest req, StreamObserver<PruneNetworksResponse> out) {
        List<String> deleted = networks.prune(NetworkFilters.forPrune(ProtoMapper.toDomain(req.getFilters())));
        out.onNext(PruneNetworksResponse.newBuilder().addAllNetworksDeleted(deleted).build());
        out.onCompleted();
    }

    @Override
    public void connectNetwork(ConnectNetworkRequest req, StreamObserver<ConnectNetworkResponse> out) {
        networks.connect(req.getNetwork(), req.getContainer(), toDomain(req.getEndpoint()));
        out.onNext(ConnectNetworkResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void disconnectNetwork(DisconnectNetworkRequest req, StreamObserver<DisconnectNetworkResponse> out) {
        networks.disconnect(req.getNetwork(), req.getContainer(), req.getForce());
        out.onNext(DisconnectNetworkResponse.getDefaultInstance());
        out.onCompleted();
    }

    /**
     * @param e a proto EndpointConfig
     * @return the settings (network fields unset)
     */
    public static EndpointSettings toDomain(EndpointConfig e) {
        return new EndpointSettings(null, null, e.getIpv4Address(), e.getIpv6Address(), e.getAliasesList(),
                e.getLinksList());
    }

    static Network toProto(NetworkService.View v) {
        NetworkRecord r = v.record();
        Network.Builder b = Network.newBuilder().setId(r.id()).setName(r.name())
                .setCreated(DockerTime.rfc3339Nano(r.created())).setScope("local").setDriver(r.driver())
                .setEnableIpv6(r.enableIpv6()).setIpamDriver("default").setIpamOptionsSet(r.ipamOptions() != null)
                .setInternal(r.internal()).setAttachable(r.attachable()).putAllOptions(r.options())
                .putAllLabels(r.labels());
        if (r.ipamOptions() != null) {
            b.putAllIpamOptions(r.ipamOptions());
        }
        if (r.ipamConfig().isEmpty() && !r.subnet().isEmpty()) {
            b.addIpamConfig(io.berth.proto.engine.v1.IpamPool.newBuilder().setSubnet(r.subnet())
                    .setGateway(r.gateway()));
        }
        for (IpamPool p : r.ipamConfig()) {
            b.addIpamConfig(io.berth.proto.engine.v1.IpamPool.newBuilder().setSubnet(p.subnet())
                    .setIpRange(p.ipRange()).setGateway(p.gateway()).putAllAuxAddresses(p.auxAddresses()));
        }
        for (NetworkService.Member m : v.containers()) {
            b.addContainers(NetworkContainer.newBuilder().setContainerId(m.containerId()).setName(m.name())
                    .setEndpointId(m.endpointId()).setMacAddress(m.macAddress()).setIpv4Address(m.ipv4Address())
                    .setIpv6Address(m.ipv6Address()));
        }
        return b.build();
    }
}
