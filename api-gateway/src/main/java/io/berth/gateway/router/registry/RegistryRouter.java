package io.berth.gateway.router.registry;

import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.registry.AuthConfig;
import io.berth.gateway.types.registry.AuthResponse;
import io.berth.gateway.types.registry.DistributionInspect;
import io.berth.proto.storage.v1.InspectDistributionRequest;
import io.berth.proto.storage.v1.LoginRequest;
import io.berth.proto.storage.v1.LoginResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.util.List;

/**
 * POST /auth ({@code docker login}) and GET /distribution/{name}/json (Docker Engine API 1.41).
 */
public final class RegistryRouter implements Router {
    private final DistributionBackend backend;

    /** @param backend storage's Distribution */
    @Inject
    public RegistryRouter(DistributionBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/auth", "postAuth", this::postAuth),
                Route.get("/distribution/{name:.*}/json", "getDistributionInfo", this::getDistributionInfo));
    }

    /**
     * {@code POST /auth} with Docker's AuthConfig JSON: 200 {@code {"Status":"Login Succeeded"}}; 401 with
     * dockerd's "login attempt to http://x/v2/ failed with status: 401 Unauthorized" when the registry refuses.
     */
    void postAuth(ApiRequest req, HttpExchange ex) {
        req.requireJsonContentType();
        AuthConfig auth = AuthConfig.fromBody(req.body());
        LoginResponse r = backend.login(LoginRequest.newBuilder().setAuth(auth.toProto()).build());
        ex.json(HttpResponseStatus.OK, new AuthResponse(r.getStatus(), r.getIdentityToken()));
    }

    /** {@code GET /distribution/{name}/json}: the remote manifest's descriptor and platforms. */
    void getDistributionInfo(ApiRequest req, HttpExchange ex) {
        InspectDistributionRequest r = InspectDistributionRequest.newBuilder().setReference(req.param("name"))
                .setAuth(AuthConfig.fromHeader(req.headers().get("X-Registry-Auth"))).build();
        ex.json(HttpResponseStatus.OK, DistributionInspect.of(backend.inspectDistribution(r)));
    }
}
