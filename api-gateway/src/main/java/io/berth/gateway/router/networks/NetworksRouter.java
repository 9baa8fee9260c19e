package io.berth.gateway.router.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Set;

/**
 * Network routes of the Docker Engine API 1.41 (moby {@code api/server/router/network}) that berth answers
 * before it has user networks: {@code POST /networks/prune}, which {@code docker system prune} calls between
 * the container and image prunes. berth has only the predefined networks, which dockerd never prunes, so
 * the answer is dockerd's for nothing pruned: {@code {"NetworksDeleted":null}} (filters checked as dockerd
 * checks them: {@code until}, {@code label}, {@code label!}). The other network routes stay in the
 * unimplemented router (501) until the networking issue.
 */
public final class NetworksRouter implements Router {
    private static final Set<String> PRUNE_FILTERS = Set.of("until", "label", "label!");

    /** Docker's NetworksPruneReport. */
    record PruneReport(@JsonProperty("NetworksDeleted") List<String> deleted) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/networks/prune", "postNetworksPrune", this::postNetworksPrune));
    }

    /** {@code POST /networks/prune?filters=}: 200 {@code {"NetworksDeleted":null}}; 400 for an unknown filter. */
    void postNetworksPrune(ApiRequest req, HttpExchange ex) {
        for (String k : req.query().filters().getFiltersMap().keySet()) {
            if (!PRUNE_FILTERS.contains(k)) {
                throw new InvalidArgumentException("invalid filter '" + k + "'");
            }
        }
        ex.json(HttpResponseStatus.OK, new PruneReport(null));
    }
}
