package io.berth.monitor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.monitor.events.EventBus;
import io.berth.monitor.stats.CgroupReader;
import io.berth.monitor.stats.HostCpu;
import io.berth.monitor.stats.RunningContainers;
import io.berth.monitor.stats.StatsSampler;
import io.berth.proto.monitor.v1.ContainerStats;
import io.berth.proto.monitor.v1.CpuStats;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.MemoryStats;
import io.berth.proto.monitor.v1.PidsStats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics view on a real loopback port over a sampler fed by a fake cgroup reader and a fixture /proc. */
class MetricsViewTest {
    static final String ID = "a".repeat(64);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    final AtomicLong cpu = new AtomicLong();
    StatsSampler sampler;
    EventBus bus;
    MetricsView view;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("proc/10/net"));
        Files.writeString(root.resolve("proc/10/cgroup"), "4:cpu,cpuacct:/berth/" + ID + "\n3:memory:/berth/" + ID + "\n");
        Files.writeString(root.resolve("proc/10/net/dev"), "h\nh\n  lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n"
                + "eth0: 2048 4 0 0 0 0 0 0 1024 2 0 0 0 0 0 0\n");
        Files.writeString(root.resolve("proc/stat"), "cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 5 0 5 50 0 0 0\ncpu1 5 0 5 50 0 0 0\n");
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 1024 kB\nMemAvailable: 512 kB\n");
        RunningContainers engine = () -> List.of(new RunningContainers.Running(ID, 10, "web", "busybox:1", "running",
                Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1001), 64 << 20),
                new RunningContainers.Running("b".repeat(64), 0, "old", "busybox:1", "exited", null, null, 0));
        CgroupReader reader = pid -> Optional.of(ContainerStats.newBuilder().setRunning(true)
                .setCpu(CpuStats.newBuilder().setTotalUsage(cpu.addAndGet(500_000_000L))
                        .setUsageInUsermode(300_000_000L).setUsageInKernelmode(100_000_000L))
                .setMemory(MemoryStats.newBuilder().setUsage(8 << 20).putStats("total_cache", 1 << 20)
                        .putStats("total_rss", 6 << 20).putStats("total_inactive_file", 1 << 20))
                .setPids(PidsStats.newBuilder().setCurrent(2)).build());
        sampler = new StatsSampler(engine, reader, new HostCpu(root), Clock.systemUTC(), root);
        bus = new EventBus(Clock.systemUTC());
        view = new MetricsView(sampler, bus, Clock.systemUTC(), root, root);
        view.listen(new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + view.address().getPort();
        sampler.tick();
        sampler.tick();
    }

    @AfterEach
    void stop() {
        view.close();
        bus.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_areCadvisorsWithIdNameAndImageLabels() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        String labels = "id=\"/berth/" + ID + "\",image=\"busybox:1\",name=\"web\"";
        String body = r.body();
        assertTrue(body.contains("container_cpu_usage_seconds_total{cpu=\"total\"," + labels + "} 1.0"), body);
        assertTrue(body.contains("container_cpu_user_seconds_total{" + labels + "} 0.3"), body);
        assertTrue(body.contains("container_memory_working_set_bytes{" + labels + "} 7340032"), body);
        assertTrue(body.contains("container_memory_rss{" + labels + "} 6291456"), body);
        assertTrue(body.contains("container_spec_memory_limit_bytes{" + labels + "} 6.7108864E7"), body);
        assertTrue(body.contains("container_network_receive_bytes_total{" + labels.replace(",name", ",interface=\"eth0\",name")
                + "} 2048"), body);
        assertTrue(!body.contains("interface=\"lo\""), "lo is left out as cAdvisor does");
        assertTrue(body.contains("container_start_time_seconds{" + labels + "} 1001"), body);
        assertTrue(body.contains("engine_daemon_container_states_containers{state=\"running\"} 1"), body);
        assertTrue(body.contains("engine_daemon_container_states_containers{state=\"stopped\"} 1"), body);
        assertTrue(body.contains("machine_cpu_cores 2"), body);
        assertTrue(body.contains("machine_memory_bytes 1048576"), body);
    }

    @Test
    void events_areCountedAndListed_andTimingsBecomeAHistogram() throws Exception {
        bus.publish(Event.newBuilder().setType("container").setAction("create").setActorId(ID)
                .putAttributes("name", "web").build());
        view.latency().observe("GET", "/containers/{id}/json", 3_000_000L);
        String body = "";
        for (int i = 0; i < 50 && !body.contains("engine_daemon_events_total 1"); i++) {
            Thread.sleep(50);
            body = get("/metrics").body();
        }
        assertTrue(body.contains("engine_daemon_events_total 1"), body);
        assertTrue(body.contains("engine_daemon_api_request_duration_seconds_bucket{endpoint=\"/containers/{id}/json\","
                + "method=\"GET\",le=\"0.005\"} 1"), body);
        JsonNode overview = JSON.readTree(get("/api/berth/v1/overview").body());
        assertEquals("create", overview.path("events").get(0).path("action").asText());
        assertEquals("web", overview.path("containers").get(0).path("name").asText());
        assertEquals(1, overview.path("containers").get(0).path("series").get(0).size(), "one point after two ticks");
    }

    @Test
    void cadvisorApi_answersContainersAndMachine() throws Exception {
        JsonNode root = JSON.readTree(get("/api/v1.3/containers").body());
        assertEquals("/", root.path("name").asText());
        assertEquals("/berth/" + ID, root.path("subcontainers").get(0).path("name").asText());
        JsonNode c = JSON.readTree(get("/api/v1.3/docker/web").body());
        assertEquals(ID, c.path("id").asText());
        assertEquals(64 << 20, c.path("spec").path("memory").path("limit").asLong());
        assertEquals(1_000_000_000L, c.path("stats").get(0).path("cpu").path("usage").path("total").asLong());
        assertEquals(7 << 20, c.path("stats").get(0).path("memory").path("working_set").asLong());
        assertEquals("eth0", c.path("stats").get(0).path("network").path("name").asText());
        assertEquals(ID, JSON.readTree(get("/api/v1.3/containers/berth/" + ID).body()).path("id").asText());
        assertEquals(ID, JSON.readTree(get("/api/v1.3/docker/aaaa").body()).path("id").asText(), "ID prefix");
        assertEquals(404, get("/api/v1.3/docker/nosuch").statusCode());
        JsonNode m = JSON.readTree(get("/api/v1.3/machine").body());
        assertEquals(2, m.path("num_cores").asInt());
        assertEquals(1048576, m.path("memory_capacity").asLong());
    }

    @Test
    void page_andItsAssets_areServedFromTheClassPath() throws Exception {
        assertTrue(get("/").body().contains("/static/uplot/uPlot.iife.min.js"));
        HttpResponse<String> js = get("/static/uplot/uPlot.iife.min.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("uPlot"));
        assertEquals(200, get("/static/app.js").statusCode());
        assertEquals(200, get("/static/uplot/uPlot.min.css").statusCode());
        assertEquals(404, get("/static/../pom.xml").statusCode());
        assertEquals(404, get("/nosuch").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void updates_streamOneServerSentEventPerTick() throws Exception {
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + ViewRoutes.UPDATES))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        for (int i = 0; i < 100 && view.routes().updates().size() == 0; i++) {
            Thread.sleep(20);
        }
        sampler.tick();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("event: update", in.readLine());
            String data = in.readLine();
            assertTrue(data.startsWith("data: "), data);
            JsonNode u = JSON.readTree(data.substring(6));
            assertEquals(ID, u.path("containers").get(0).path("id").asText());
            assertEquals(8, u.path("containers").get(0).path("point").size(), "one value per container column");
            assertEquals(6, u.path("host").path("point").size(), "one value per host column");
            assertEquals("", in.readLine());
        }
    }
}
