package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics view of a real {@code bin/berthd --metrics-addr 127.0.0.1:<free port>}: a real Prometheus
 * scraping {@code /metrics} every second whose query API returns a running container's
 * {@code container_cpu_usage_seconds_total}; every cAdvisor metric name with its labels; the daemon's own
 * metrics; cAdvisor's {@code /api/v1.3} shapes; and the page in headless chromium (DevTools protocol): the
 * container's charts exist, live updates arrive (more samples later, without a reload) and a screenshot of
 * its CPU chart shows the drawn line. Each test removes its containers.
 */
class MetricsViewIT {
    static final int PORT = freePortOrFail();
    static final String BASE = "http://127.0.0.1:" + PORT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2()
            .requireExecutable(Prometheus.PROMETHEUS).requireExecutable(Chromium.CHROMIUM)
            .withArgs("--metrics-addr", "127.0.0.1:" + PORT);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> containers = new ArrayList<>();

    private static int freePortOrFail() {
        try {
            return Prometheus.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        if (!containers.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(containers);
            BERTHD.docker().run(args.toArray(String[]::new));
            containers.clear();
        }
    }

    private String runBusy(String... options) throws Exception {
        String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> a = new ArrayList<>(List.of("run", "-d", "--name", name));
        a.addAll(List.of(options));
        a.addAll(List.of(WalkingSkeletonContract.BUSYBOX, "sh", "-c", "while :; do :; done"));
        BERTHD.docker().ok(a.toArray(String[]::new));
        containers.add(name);
        return name;
    }

    private String id(String name) throws Exception {
        return BERTHD.docker().ok("inspect", "-f", "{{.Id}}", name).trim();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls GET /metrics until a line starting with {@code prefix} appears; returns that line. */
    private String awaitMetric(String prefix) throws Exception {
        String body = "";
        for (int i = 0; i < 100; i++) {
            body = get("/metrics").body();
            for (String line : body.split("\n")) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + prefix + " in /metrics:\n" + body);
    }

    @Test
    void prometheus_scrapesARunningContainersCpu() throws Exception {
        String name = runBusy();
        try (Prometheus prom = Prometheus.scraping("127.0.0.1:" + PORT)) {
            String query = "container_cpu_usage_seconds_total{name=\"" + name + "\"}";
            JsonNode result = null;
            for (int i = 0; i < 150 && (result == null || result.isEmpty()); i++) {
                result = prom.query(query);
                if (result.isEmpty()) {
                    Thread.sleep(200);
                }
            }
            assertFalse(result.isEmpty(), query + " never answered; targets: " + prom.targets());
            JsonNode series = result.get(0);
            assertEquals("fixture/busybox:1", series.path("metric").path("image").asText());
            assertTrue(series.path("metric").path("id").asText().endsWith("/" + id(name)),
                    series.path("metric").toString());
            assertTrue(Double.parseDouble(series.path("value").get(1).asText()) > 0, series.toString());
            JsonNode running = prom.query("engine_daemon_container_states_containers{state=\"running\"}");
            assertFalse(running.isEmpty(), "states gauge scraped");
            assertTrue(Double.parseDouble(running.get(0).path("value").get(1).asText()) >= 1);
        }
    }

    @Test
    void metrics_haveCadvisorsNamesAndLabels() throws Exception {
        String name = runBusy("-m", "64m");
        String hostNet = runBusy("--network", "host");
        String labels = "{id=\"";
        String ours = "name=\"" + name + "\"";
        awaitMetric("container_cpu_usage_seconds_total{cpu=\"total\",id=\"");
        String body = "";
        List<String> missing = List.of();
        for (int i = 0; i < 50; i++) {
            body = get("/metrics").body();
            List<String> lines = List.of(body.split("\n"));
            missing = new ArrayList<>();
            for (String metric : List.of("container_cpu_user_seconds_total", "container_cpu_system_seconds_total",
                    "container_memory_usage_bytes", "container_memory_working_set_bytes", "container_memory_rss",
                    "container_memory_cache", "container_spec_memory_limit_bytes", "container_fs_reads_bytes_total",
                    "container_fs_writes_bytes_total", "container_processes", "container_last_seen",
                    "container_start_time_seconds")) {
                if (lines.stream().noneMatch(l -> l.startsWith(metric + "{") && l.contains(ours))) {
                    missing.add(metric);
                }
            }
            if (missing.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(List.of(), missing, body);
        String limit = awaitMetric("container_spec_memory_limit_bytes" + labels);
        assertTrue(body.contains("container_spec_memory_limit_bytes{id=\"") && body.lines().anyMatch(
                l -> l.startsWith("container_spec_memory_limit_bytes{") && l.contains(ours)
                        && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == 64 << 20), limit);
        assertTrue(body.lines().anyMatch(l -> l.startsWith("container_processes{") && l.contains(ours)
                && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1), "processes");
        // A host-network container sees the host's interfaces (lo left out, as cAdvisor).
        // (bridged containers have eth0 series too since issue 8, so wait for this container's own line)
        boolean hostSeries = false;
        for (int i = 0; i < 100 && !hostSeries; i++) {
            body = get("/metrics").body();
            hostSeries = body.lines().anyMatch(l -> l.startsWith("container_network_transmit_bytes_total{")
                    && l.contains("name=\"" + hostNet + "\"") && !l.contains("interface=\"lo\""));
            if (!hostSeries) {
                Thread.sleep(200);
            }
        }
        assertTrue(hostSeries, "network series of the host-network container:\n" + body);
        assertTrue(body.contains("# TYPE container_cpu_usage_seconds_total counter"), "counter type");
        assertTrue(body.contains("# TYPE container_memory_usage_bytes gauge"), "gauge type");
        assertTrue(body.contains("machine_cpu_cores "), "machine_cpu_cores");
        assertTrue(body.contains("machine_memory_bytes "), "machine_memory_bytes");
        assertTrue(body.contains("engine_daemon_events_total "), "engine_daemon_events_total");
        assertTrue(get("/metrics").headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void cadvisorApi_hasItsShapes() throws Exception {
        String name = runBusy("-m", "64m");
        String id = id(name);
        awaitMetric("container_processes{id=\"");
        JsonNode root = null;
        for (int i = 0; i < 50; i++) {
            root = JSON.readTree(get("/api/v1.3/containers").body());
            if (root.path("subcontainers").toString().contains(id)) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("/", root.path("name").asText());
        assertTrue(root.path("subcontainers").toString().contains(id), root.toString());
        assertTrue(root.path("spec").path("has_cpu").asBoolean());
        JsonNode c = JSON.readTree(get("/api/v1.3/docker/" + name).body());
        assertEquals(id, c.path("id").asText());
        assertEquals("docker", c.path("namespace").asText());
        assertTrue(c.path("aliases").toString().contains("\"" + name + "\""), c.toString());
        assertEquals(64 << 20, c.path("spec").path("memory").path("limit").asLong());
        assertEquals("fixture/busybox:1", c.path("spec").path("image").asText());
        JsonNode stats = c.path("stats").get(0);
        assertTrue(stats.path("cpu").path("usage").path("total").asLong() > 0, stats.toString());
        assertTrue(stats.path("memory").path("usage").asLong() > 0, stats.toString());
        assertTrue(stats.path("memory").has("working_set"));
        assertTrue(stats.path("processes").path("process_count").asLong() >= 1);
        assertTrue(stats.has("timestamp") && stats.has("diskio") && stats.has("network"), stats.toString());
        JsonNode byPath = JSON.readTree(get("/api/v1.3/containers" + c.path("name").asText()).body());
        assertEquals(id, byPath.path("id").asText());
        assertEquals(404, get("/api/v1.3/docker/nosuchcontainer").statusCode());
        JsonNode machine = JSON.readTree(get("/api/v1.3/machine").body());
        long memTotal = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memTotal = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        assertEquals(memTotal, machine.path("memory_capacity").asLong());
        long cpus = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        assertEquals(cpus, machine.path("num_cores").asLong());
        assertTrue(machine.path("filesystems").get(0).path("capacity").asLong() > 0, machine.toString());
    }

    @Test
    void page_showsTheContainersChartsAndUpdatesLive() throws Exception {
        String name = runBusy();
        String id = id(name);
        awaitMetric("container_processes{id=\"");
        assertTrue(get("/").body().contains("uPlot.iife.min.js"));
        assertEquals(200, get("/static/uplot/uPlot.iife.min.js").statusCode());
        try (Chromium page = Chromium.open(BASE + "/")) {
            String card = "document.getElementById('container-" + id + "')";
            page.await(card + " !== null && " + card + ".querySelectorAll('canvas').length >= 4",
                    Duration.ofSeconds(60));
            page.await("Number(document.body.dataset.updates) >= 1", Duration.ofSeconds(30));
            long samples = page.evaluate("Number(" + card + ".dataset.samples)").asLong();
            double last = page.evaluate("Number(" + card + ".dataset.last)").asDouble();
            long updates = page.evaluate("Number(document.body.dataset.updates)").asLong();
            page.await("Number(" + card + ".dataset.last) > " + last + " && Number(document.body.dataset.updates) >= "
                    + (updates + 2), Duration.ofSeconds(30));
            assertTrue(page.evaluate("Number(" + card + ".dataset.samples)").asLong() > samples
                    || samples >= 600, "samples grew without a reload");
            assertEquals(name, page.evaluate(card + ".querySelector('.name').textContent").asText());
            assertTrue(page.evaluate("document.querySelectorAll('#events tbody tr').length").asLong() >= 1,
                    "the latest events are listed");
            JsonNode box = page.evaluate("(() => { const e = " + card + ".querySelector('.cpu canvas');"
                    + " e.scrollIntoView(); const r = e.getBoundingClientRect();"
                    + " return {x: r.x + window.scrollX, y: r.y + window.scrollY, w: r.width, h: r.height}; })()");
            byte[] chartPng = page.screenshot(box.get("x").asDouble(), box.get("y").asDouble(),
                    box.get("w").asDouble(), box.get("h").asDouble());
            byte[] pagePng = page.screenshot();
            Path reports = Files.createDirectories(Path.of("target", "failsafe-reports"));
            Files.write(reports.resolve("MetricsViewIT-cpu-chart.png"), chartPng);
            Files.write(reports.resolve("MetricsViewIT-page.png"), pagePng);
            BufferedImage chart = ImageIO.read(new ByteArrayInputStream(chartPng));
            assertTrue(chart.getWidth() > 100 && chart.getHeight() > 50, "chart size");
            assertTrue(countNear(chart, 0x3b82c4) > 20, "the CPU line (#3b82c4) is drawn in the chart");
            BufferedImage whole = ImageIO.read(new ByteArrayInputStream(pagePng));
            assertTrue(distinctColours(whole) > 20, "the page screenshot is not blank");
        }
    }

    private static int countNear(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 40
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 40
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
