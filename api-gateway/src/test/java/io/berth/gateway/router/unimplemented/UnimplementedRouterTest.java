package io.berth.gateway.router.unimplemented;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.berth.common.errors.BerthException;
import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.ErrorResponses;
import io.berth.gateway.http.RouteTable;
import io.berth.gateway.router.containers.ContainerStreamsRouter;
import io.berth.gateway.router.containers.ContainersBackend;
import io.berth.gateway.router.containers.ContainersRouter;
import io.berth.gateway.router.events.EventsBackend;
import io.berth.gateway.router.events.EventsRouter;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.images.ImagesRouter;
import io.berth.gateway.router.system.SystemBackend;
import io.berth.gateway.router.system.SystemRouter;
import io.berth.gateway.testing.RecordingExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnimplementedRouterTest {
    /** Every router of the gateway, the unimplemented table last, as GatewayModule binds them. */
    private static RouteTable allRoutes() {
        Clock clock = Clock.systemUTC();
        ContainersBackend containers = mock(ContainersBackend.class);
        return new RouteTable(new LinkedHashSet<>(List.of(
                new SystemRouter(mock(SystemBackend.class), clock),
                new EventsRouter(mock(EventsBackend.class), clock),
                new ImagesRouter(mock(ImagesBackend.class), Runnable::run),
                new ContainersRouter(containers, org.mockito.Mockito.mock(io.berth.gateway.router.containers.ContainerSizes.class), clock),
                new ContainerStreamsRouter(containers),
                new UnimplementedRouter())));
    }

    private static String concrete(String template) {
        return template.replace("{name:.*}", "127.0.0.1:5000/a/b:tag").replaceAll("\\{[a-z]+}", "web");
    }

    private static FullHttpResponse answer(RouteTable table, HttpMethod method, String path) {
        RouteTable.Match m = table.match(method, path).orElseThrow(() -> new AssertionError("no route: " + path));
        ApiRequest req = ApiRequest.of(method, path, m.params(), Map.of(), new byte[0]);
        BerthException e = assertThrows(BerthException.class, () -> m.route().handler().handle(req,
                new RecordingExchange()), path);
        return ErrorResponses.of(e);
    }

    private static String body(FullHttpResponse r) {
        return r.content().toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyTableEntry_reachesItsHandler_501WithTheFeatureNamed() {
        RouteTable table = allRoutes();
        for (UnimplementedRouter.Endpoint e : UnimplementedRouter.NOT_IMPLEMENTED) {
            String path = concrete(e.template());
            assertEquals(e.name(), table.match(e.method(), path).orElseThrow().route().name(), path);

            FullHttpResponse r = answer(table, e.method(), path);

            assertEquals(501, r.status().code(), path);
            assertEquals("{\"message\":\"" + e.message() + "\"}\n", body(r));
            assertEquals("application/json", r.headers().get("Content-Type"));
        }
    }

    @Test
    void dockerBuild_namesTheCommand() {
        FullHttpResponse r = answer(allRoutes(), HttpMethod.POST, "/build");

        assertEquals("{\"message\":\"berth does not implement docker build yet\"}\n", body(r));
    }

    @Test
    void inspectWalkLookups_clean404WithDockerdMessages() {
        RouteTable table = allRoutes();

        FullHttpResponse plugin = answer(table, HttpMethod.GET, "/plugins/nosuch/json");
        assertEquals(404, plugin.status().code());
        assertEquals("{\"message\":\"plugin \\\"nosuch\\\" not found\"}\n", body(plugin));
    }

    @Test
    void table_implementedRoutesStillWin_andUnknownPathsStay404() {
        RouteTable table = allRoutes();

        assertEquals("getImagesByName", table.match(HttpMethod.GET, "/images/get/json").orElseThrow().route().name());
        assertEquals("getContainersByName", table.match(HttpMethod.GET, "/containers/top/json").orElseThrow()
                .route().name());
        assertEquals("deleteImages", table.match(HttpMethod.DELETE, "/images/x/history").orElseThrow().route()
                .name());
        assertTrue(table.match(HttpMethod.GET, "/nope").isEmpty());
        assertTrue(table.match(HttpMethod.POST, "/images/search").isEmpty());
        Set<String> names = new java.util.HashSet<>();
        UnimplementedRouter.NOT_IMPLEMENTED.forEach(e -> names.add(e.method() + " " + e.template()));
        assertEquals(UnimplementedRouter.NOT_IMPLEMENTED.size(), names.size(), "duplicate table entries");
    }
}
