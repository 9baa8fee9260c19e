package io.berth.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.berth.gateway.grpc.GatewayChannels;
import io.berth.gateway.http.GatewayServer;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.RouteTable;
import io.berth.gateway.http.WorkerPool;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayModuleTest {
    @TempDir
    Path dir;

    @Test
    void injector_wiresEveryRouterAndTheServer() {
        GatewayOptions options = new GatewayOptions(List.of(io.berth.common.net.HostAddress.parse("unix://" + dir.resolve("docker.sock"))),
                io.berth.gateway.tls.TlsSettings.OFF, dir.resolve("engine.sock"),
                dir.resolve("storage.sock"), dir.resolve("monitor.sock"), dir.resolve("data"), dir.resolve("exec"), false,
                "json-file");
        Injector injector = Guice.createInjector(new GatewayModule(options));
        try {
            Set<String> names = injector.getInstance(RouteTable.class).routes().stream().map(Route::name)
                    .collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("pingHandler", "getVersion", "getInfo", "getEvents", "getImagesJSON",
                    "getImagesByName", "postImagesLoad", "postImagesCreate", "postImagesTag", "deleteImages",
                    "postContainersCreate", "getContainersJSON", "getContainersByName", "postContainersStart",
                    "postContainersStop", "postContainersKill", "postContainersWait", "deleteContainers",
                    "getContainersLogs", "postContainersAttach")), names.toString());
            RouteTable table = injector.getInstance(RouteTable.class);
            assertEquals("getImagesByName", table.match(HttpMethod.GET, "/images/127.0.0.1:5000/a/b:tag/json")
                    .orElseThrow().route().name());
            assertEquals("127.0.0.1:5000/a/b:tag", table.match(HttpMethod.GET, "/images/127.0.0.1:5000/a/b:tag/json")
                    .orElseThrow().params().get("name"));
            assertEquals("getImagesJSON", table.match(HttpMethod.GET, "/images/json").orElseThrow().route().name());
            assertSame(injector.getInstance(GatewayServer.class), injector.getInstance(GatewayServer.class));
        } finally {
            injector.getInstance(GatewayChannels.class).close();
            injector.getInstance(WorkerPool.class).close();
        }
    }
}
