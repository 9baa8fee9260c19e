package io.berth.gateway.router.unimplemented;

import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.BodyMode;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one table of Docker Engine API 1.41 endpoints berth knows but does not implement yet. Instead of the
 * router-level 404 "page not found" (which clients show as a confusing "page not found" or mistake for a
 * missing object), each answers 501 {@code {"message":"berth does not implement <what> yet"}}, which the
 * CLI prints as "Error response from daemon: berth does not implement docker top yet".
 *
 * <p>Exception, {@link #LOOKUPS}: the object lookups {@code docker inspect <name>} walks after the container
 * and image lookups ({@code GET /plugins/{name}/json}; volumes and networks have their routers)
 * answer a clean 404 with dockerd's messages, and for berth none of these objects exists. The reason is the
 * CLI: {@code docker inspect x} without {@code --type} asks for x as a container, an image, a network, a
 * volume and a plugin in turn, skips every lookup that answers "not found" and prints
 * {@code Error: No such object: x} only when all of them did; another error from any one of them (such as
 * the 501 this router answers) would end it with that error instead.
 *
 * <p>Request bodies are streamed and discarded (uploads such as {@code POST /build} may be large). An
 * endpoint that gets implemented moves to its resource's router and leaves this table.
 */
public final class UnimplementedRouter implements Router {
    /**
     * One endpoint berth lacks.
     *
     * @param method the HTTP method
     * @param template the path template (as in {@link Route})
     * @param name moby's handler name
     * @param what the feature, for "berth does not implement &lt;what&gt; yet"
     */
    public record Endpoint(HttpMethod method, String template, String name, String what) {
        /** @return the 501 message */
        public String message() {
            return "berth does not implement " + what + " yet";
        }
    }

    /**
     * A lookup that answers 404.
     *
     * @param template the path template (GET)
     * @param name moby's handler name
     * @param param the path parameter naming the object
     * @param message dockerd's 404 message for a name
     */
    public record Lookup(String template, String name, String param, Function<String, String> message) {
    }

    private static final HttpMethod GET = HttpMethod.GET;
    private static final HttpMethod POST = HttpMethod.POST;
    private static final HttpMethod DELETE = HttpMethod.DELETE;

    /** Known endpoints that answer 501, grouped as moby's routers are. */
    public static final List<Endpoint> NOT_IMPLEMENTED = List.of(
            new Endpoint(POST, "/build", "postBuild", "docker build"),
            new Endpoint(POST, "/build/cancel", "postCancel", "docker build"),
            new Endpoint(GET, "/plugins", "getPluginsList", "plugins"));

    /** Lookups of objects berth has none of: 404 with dockerd's message, so "docker inspect x" says "No such object". */
    public static final List<Lookup> LOOKUPS = List.of(
            new Lookup("/plugins/{name}/json", "getPluginByName", "name", n -> "plugin \"" + n + "\" not found"));

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Lookup l : LOOKUPS) {
            routes.add(Route.get(l.template(), l.name(), (req, ex) -> notFound(l, req)));
        }
        for (Endpoint e : NOT_IMPLEMENTED) {
            routes.add(Route.of(e.method(), e.template(), e.name(), BodyMode.STREAM,
                    (req, ex) -> notImplemented(e)));
        }
        return List.copyOf(routes);
    }

    private static void notFound(Lookup l, ApiRequest req) {
        throw new NotFoundException(l.message().apply(req.param(l.param())));
    }

    private static void notImplemented(Endpoint e) {
        throw new NotImplementedException(e.message());
    }
}
