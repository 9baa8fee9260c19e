package io.berth.gateway.router.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.DockerJsonBinder;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.networks.IpamConfig;
import io.berth.gateway.types.networks.NetworkConnectRequest;
import io.berth.gateway.types.networks.NetworkCreateRequest;
import io.berth.gateway.types.networks.NetworkCreateResponse;
import io.berth.gateway.types.networks.NetworkDisconnectRequest;
import io.berth.gateway.types.networks.NetworkResource;
import io.berth.proto.engine.v1.ConnectNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkRequest;
import io.berth.proto.engine.v1.CreateNetworkResponse;
import io.berth.proto.engine.v1.DisconnectNetworkRequest;
import io.berth.proto.engine.v1.InspectNetworkRequest;
import io.berth.proto.engine.v1.IpamPool;
import io.berth.proto.engine.v1.ListNetworksRequest;
import io.berth.proto.engine.v1.PruneNetworksRequest;
import io.berth.proto.engine.v1.PruneNetworksResponse;
import io.berth.proto.engine.v1.RemoveNetworkRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The network routes of the Docker Engine API 1.41 (moby api/server/router/network): {@code GET /networks},
 * {@code POST /networks/create}, {@code POST /networks/prune}, {@code GET /networks/{id}},
 * {@code DELETE /networks/{id}}, {@code POST /networks/{id}/connect} and {@code /disconnect}, with dockerd
 * 20.10's statuses: 201 {@code {"Id","Warning"}} for a create, 204 for a removal, 200 (empty body) for connect and
 * disconnect, 404 "network x not found" (so that {@code docker inspect nosuch} moves on to the next kind of
 * object), 409 for a duplicate name, 403 for a predefined network, an overlapping subnet or active endpoints,
 * 400 for bad input. The engine decides; this router binds the JSON and shapes the answers.
 */
public final class NetworksRouter implements Router {
    private final NetworksBackend backend;

    /** Docker's NetworksPruneReport. */
    record PruneReport(@JsonProperty("NetworksDeleted") List<String> deleted) {
    }

    /** @param backend the engine */
    @Inject
    public NetworksRouter(NetworksBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/networks", "getNetworksList", this::list),
                Route.post("/networks/create", "postNetworkCreate", this::create),
                Route.post("/networks/prune", "postNetworksPrune", this::postNetworksPrune),
                Route.get("/networks/{id}", "getNetwork", this::inspect),
                Route.delete("/networks/{id}", "deleteNetwork", this::remove),
                Route.post("/networks/{id}/connect", "postNetworkConnect", this::connect),
                Route.post("/networks/{id}/disconnect", "postNetworkDisconnect", this::disconnect));
    }

    /** {@code GET /networks?filters=}: 200, an array of Network (Containers empty, as dockerd's list). */
    void list(ApiRequest req, HttpExchange ex) {
        List<NetworkResource> out = backend.list(ListNetworksRequest.newBuilder().setFilters(req.query().filters())
                .build()).getNetworksList().stream().map(NetworkResource::of).toList();
        ex.json(HttpResponseStatus.OK, out);
    }

    /** {@code POST /networks/create}: 201 {@code {"Id":"...","Warning":""}}; an empty body is Go's EOF, a 400. */
    void create(ApiRequest req, HttpExchange ex) {
        JsonNode n = body(req);
        NetworkCreateRequest body = DockerJsonBinder.bind(n, NetworkCreateRequest.class);
        CreateNetworkRequest.Builder b = CreateNetworkRequest.newBuilder()
                .setName(body.name() == null ? "" : body.name()).setCheckDuplicate(body.checkDuplicate())
                .setDriver(body.driver() == null ? "" : body.driver()).setInternal(body.internal())
                .setAttachable(body.attachable()).setIngress(body.ingress()).setEnableIpv6(body.enableIpv6())
                .setConfigOnly(body.configOnly())
                .setConfigFrom(body.configFrom() == null || body.configFrom().network() == null ? ""
                        : body.configFrom().network());
        if (body.ipam() != null) {
            b.setIpamDriver(body.ipam().driver() == null ? "" : body.ipam().driver());
            if (body.ipam().options() != null) {
                b.setIpamOptionsSet(true).putAllIpamOptions(body.ipam().options());
            }
            if (body.ipam().config() != null) {
                for (IpamConfig c : body.ipam().config()) {
                    IpamPool.Builder p = IpamPool.newBuilder().setSubnet(nz(c.subnet())).setIpRange(nz(c.ipRange()))
                            .setGateway(nz(c.gateway()));
                    if (c.auxAddresses() != null) {
                        p.putAllAuxAddresses(c.auxAddresses());
                    }
                    b.addIpamConfig(p);
                }
            }
        }
        if (body.options() != null) {
            b.putAllOptions(body.options());
        }
        if (body.labels() != null) {
            b.putAllLabels(body.labels());
        }
        CreateNetworkResponse r = backend.create(b.build());
        ex.json(HttpResponseStatus.CREATED, new NetworkCreateResponse(r.getId(), r.getWarning()));
    }

    /** @return the JSON body; an empty one is Go's EOF, a 400 (as dockerd's decoder) */
    private static JsonNode body(ApiRequest req) {
        req.requireJsonContentType();
        JsonNode n = req.json();
        if (n.isNull() || n.isMissingNode()) {
            throw new InvalidArgumentException("got EOF while reading request body");
        }
        return n;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** {@code GET /networks/{id}?verbose=&scope=}: 200 Network with its Containers; 404 "network x not found". */
    void inspect(ApiRequest req, HttpExchange ex) {
        ex.json(HttpResponseStatus.OK, NetworkResource.of(backend.inspect(InspectNetworkRequest.newBuilder()
                .setId(req.param("id")).build()).getNetwork()));
    }

    /** {@code DELETE /networks/{id}}: 204. */
    void remove(ApiRequest req, HttpExchange ex) {
        backend.remove(RemoveNetworkRequest.newBuilder().setId(req.param("id")).build());
        ex.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code POST /networks/{id}/connect} with a NetworkConnect body: 200, empty. */
    void connect(ApiRequest req, HttpExchange ex) {
        JsonNode n = body(req);
        NetworkConnectRequest body = DockerJsonBinder.bind(n, NetworkConnectRequest.class);
        backend.connect(ConnectNetworkRequest.newBuilder().setNetwork(req.param("id"))
                .setContainer(nz(body.container()))
                .setEndpoint(NetworkConnectRequest.toProto(body.endpointConfig())).build());
        ex.empty(HttpResponseStatus.OK);
    }

    /** {@code POST /networks/{id}/disconnect} with a NetworkDisconnect body: 200, empty. */
    void disconnect(ApiRequest req, HttpExchange ex) {
        JsonNode n = body(req);
        NetworkDisconnectRequest body = DockerJsonBinder.bind(n, NetworkDisconnectRequest.class);
        backend.disconnect(DisconnectNetworkRequest.newBuilder().setNetwork(req.param("id"))
                .setContainer(nz(body.container())).setForce(body.force()).build());
        ex.empty(HttpResponseStatus.OK);
    }

    /** {@code POST /networks/prune?filters=}: 200 {@code {"NetworksDeleted":[...]|null}}. */
    void postNetworksPrune(ApiRequest req, HttpExchange ex) {
        PruneNetworksResponse r = backend.prune(PruneNetworksRequest.newBuilder().setFilters(req.query().filters())
                .build());
        ex.json(HttpResponseStatus.OK, new PruneReport(r.getNetworksDeletedCount() == 0 ? null
                : r.getNetworksDeletedList()));
    }
}
