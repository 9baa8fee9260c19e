package io.berth.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/** Every route of every {@link Router}, matched by method and unprefixed path, first match wins. */
@Singleton
public final class RouteTable {
    private final List<Route> routes;

    /** @param routers the routers (Guice multibinder) */
    @Inject
    public RouteTable(Set<Router> routers) {
        List<Route> all = new ArrayList<>();
        for (Router r : routers) {
            all.addAll(r.routes());
        }
        this.routes = Collections.unmodifiableList(all);
    }

    /**
     * A matched route and its path parameters.
     *
     * @param route the route
     * @param params path parameters by name (URL-decoded)
     */
    public record Match(Route route, Map<String, String> params) {
    }

    /**
     * @param method the request method
     * @param path the decoded path without the version prefix
     * @return the first matching route, or empty (dockerd: 404 "page not found")
     */
    public Optional<Match> match(HttpMethod method, String path) {
        for (Route r : routes) {
            if (!r.method().equals(method)) {
                continue;
            }
            Matcher m = r.pattern().matcher(path);
            if (m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < r.paramNames().size(); i++) {
                    params.put(r.paramNames().get(i), m.group(i + 1));
                }
                return Optional.of(new Match(r, params));
            }
        }
        return Optional.empty();
    }

    /** @return all routes, in matching order */
    public List<Route> routes() {
        return routes;
    }
}
