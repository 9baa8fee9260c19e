package io.berth.monitor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.monitor.cadvisor.CadvisorJson;
import io.berth.monitor.history.History;
import io.berth.monitor.stats.ContainerSample;
import io.berth.monitor.stats.StatsSampler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the metrics view serves, by path (GET and HEAD):
 * <ul>
 *   <li>{@code /}: the page ({@code page/index.html} on the class path), {@code /static/app.js},
 *       {@code /static/style.css}, and uPlot from its WebJar at {@code /static/uplot/uPlot.iife.min.js} and
 *       {@code /static/uplot/uPlot.min.css};</li>
 *   <li>{@code /api/berth/v1/overview} (the page's first load, {@link ViewJson#overview}) and
 *       {@value #UPDATES} (server-sent events: one {@code update} message per sampler tick);</li>
 *   <li>{@code /metrics}: the registry in the Prometheus text format 0.0.4;</li>
 *   <li>{@code /api/v1.3/containers[/<cgroup path>]}, {@code /api/v1.3/docker[/<id or name>]},
 *       {@code /api/v1.3/machine}: cAdvisor's JSON ({@link CadvisorJson}); an unknown container is 404.</li>
 * </ul>
 */
public final class ViewRoutes {
    /** The live-update stream's path. */
    public static final String UPDATES = "/api/berth/v1/updates";

    private static final String PAGE = "io/berth/monitor/http/page/";
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/static/app.js", "app.js", "/static/style.css", "style.css");
    private static final Set<String> UPLOT_FILES = Set.of("uPlot.iife.min.js", "uPlot.min.css");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusRegistry registry;
    private final StatsSampler sampler;
    private final History history;
    private final CadvisorJson cadvisor;
    private final ViewJson view;
    private final LiveUpdates updates = new LiveUpdates();
    private final Clock clock;
    private final Supplier<Map<String, Object>> machine;
    private final Map<String, byte[]> resources = new ConcurrentHashMap<>();

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param contentType its Content-Type
     * @param body its bytes
     */
    public record Reply(int status, String contentType, byte[] body) {
        static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        static Reply json(Object value) {
            try {
                return new Reply(200, "application/json", JSON.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * @param registry the metrics of {@code /metrics}
     * @param sampler the sampler (cAdvisor's containers)
     * @param history the host's latest counters
     * @param cadvisor cAdvisor's shapes
     * @param view the page's JSON
     * @param machine cAdvisor's MachineInfo now
     * @param clock the clock
     */
    public ViewRoutes(PrometheusRegistry registry, StatsSampler sampler, History history, CadvisorJson cadvisor,
                      ViewJson view, Supplier<Map<String, Object>> machine, Clock clock) {
        this.registry = registry;
        this.sampler = sampler;
        this.history = history;
        this.cadvisor = cadvisor;
        this.view = view;
        this.machine = machine;
        this.clock = clock;
    }

    /** @return the open live-update streams */
    public LiveUpdates updates() {
        return updates;
    }

    /**
     * @param path the request's path (no query)
     * @param query its parameters
     * @return the answer
     */
    public Reply route(String path, Map<String, List<String>> query) {
        String file = PAGE_FILES.get(path);
        if (file != null) {
            return resource(PAGE + file, contentType(file));
        }
        if (path.startsWith("/static/uplot/") && UPLOT_FILES.contains(path.substring("/static/uplot/".length()))) {
            String name = path.substring("/static/uplot/".length());
            return resource("META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/" + name, contentType(name));
        }
        switch (path) {
            case "/metrics":
                return metrics();
            case "/api/berth/v1/overview":
                return Reply.json(view.overview());
            case "/api/v1.3/machine":
                return Reply.json(machine.get());
            case "/api/v1.3/containers", "/api/v1.3/containers/":
                return Reply.json(cadvisor.root(sampler.samples(), history.host(), clock.instant()));
            case "/api/v1.3/docker", "/api/v1.3/docker/":
                Map<String, Object> all = new LinkedHashMap<>();
                for (ContainerSample s : sampler.samples()) {
                    all.put(s.cgroup(), cadvisor.container(s));
                }
                return Reply.json(all);
            default:
                break;
        }
        String key = null;
        if (path.startsWith("/api/v1.3/containers/")) {
            key = path.substring("/api/v1.3/containers".length());
        } else if (path.startsWith("/api/v1.3/docker/")) {
            key = path.substring("/api/v1.3/docker/".length());
        }
        if (key != null) {
            Optional<ContainerSample> s = CadvisorJson.find(sampler.samples(), key);
            if (s.isPresent()) {
                return Reply.json(cadvisor.container(s.get()));
            }
            return Reply.text(404, "unknown container \"" + key + "\"\n");
        }
        return Reply.text(404, "404 page not found\n");
    }

    private Reply metrics() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(200, writer.getContentType(), out.toByteArray());
    }

    private Reply resource(String name, String type) {
        byte[] body = resources.computeIfAbsent(name, n -> {
            try (InputStream in = ViewRoutes.class.getClassLoader().getResourceAsStream(n)) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (body.length == 0) {
            return Reply.text(404, "404 page not found\n");
        }
        return new Reply(200, type, body);
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "text/css; charset=utf-8";
    }

    /** @return the uPlot WebJar's version, from its pom.properties */
    static String uplotVersion() {
        try (InputStream in = ViewRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            return "missing";
        }
    }

    /**
     * Sends one live update to every open stream (called after each sampler tick).
     *
     * @param hostPoint the host's newest point, or null
     * @param sinceEvent the events already sent
     */
    public void broadcast(double[] hostPoint, long sinceEvent) {
        if (updates.size() == 0) {
            return;
        }
        try {
            updates.broadcast("update", JSON.writeValueAsString(view.update(hostPoint, sinceEvent)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
