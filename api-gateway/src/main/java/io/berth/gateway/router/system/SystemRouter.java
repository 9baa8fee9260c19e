package io.berth.gateway.router.system;

import io.berth.gateway.http.ApiRequest;
import io.berth.gateway.http.HttpExchange;
import io.berth.gateway.http.Route;
import io.berth.gateway.http.Router;
import io.berth.gateway.types.system.SystemInfoMapper;
import io.berth.gateway.types.system.SystemVersionMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * System routes of the Docker Engine API 1.41 (moby {@code api/server/router/system}): {@code _ping},
 * {@code version}, {@code info}.
 */
public final class SystemRouter implements Router {
    private static final Map<String, String> PING_HEADERS = Map.of(
            "Cache-Control", "no-cache, no-store, must-revalidate",
            "Pragma", "no-cache",
            "Builder-Version", "1");

    private final SystemBackend backend;
    private final Clock clock;

    /**
     * @param backend the services and the host's facts
     * @param clock the clock (SystemTime)
     */
    @Inject
    public SystemRouter(SystemBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.head("/_ping", "pingHandler", this::pingHandler).asQuick(),
                Route.get("/_ping", "pingHandler", this::pingHandler).asQuick(),
                Route.get("/version", "getVersion", this::getVersion),
                Route.get("/info", "getInfo", this::getInfo));
    }

    /**
     * {@code GET|HEAD /_ping} (API 1.41): 200 "OK" (empty for HEAD), text/plain, with no-cache headers and
     * the Api-Version header clients negotiate with.
     */
    void pingHandler(ApiRequest req, HttpExchange ex) {
        byte[] body = req.method().equals(HttpMethod.HEAD) ? new byte[0] : "OK".getBytes(StandardCharsets.UTF_8);
        ex.respond(HttpResponseStatus.OK, "text/plain; charset=utf-8", body, PING_HEADERS);
    }

    /** {@code GET /version} (API 1.41): see {@link SystemVersionMapper}. */
    void getVersion(ApiRequest req, HttpExchange ex) {
        ex.json(HttpResponseStatus.OK, SystemVersionMapper.toSystemVersion(backend.systemFacts()));
    }

    /** {@code GET /info} (API 1.41): see {@link SystemInfoMapper}; 503 if the engine or storage is down. */
    void getInfo(ApiRequest req, HttpExchange ex) {
        ex.json(HttpResponseStatus.OK, SystemInfoMapper.toSystemInfo(backend.systemFacts(),
                backend.listAllContainers(), backend.storageInfo(), clock.instant(),
                io.berth.common.settings.SettingsReload.current()));
    }
}
