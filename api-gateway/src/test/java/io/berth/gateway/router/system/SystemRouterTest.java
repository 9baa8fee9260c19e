package io.berth.gateway.router.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.gateway.BuildInfo;
import io.berth.gateway.host.EventsListeners;
import io.berth.gateway.host.HostFacts;
import io.berth.gateway.host.SystemFactsProbe;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.storage.v1.DriverStatus;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class SystemRouterTest {
    @Mock
    SystemBackend backend;
    @TempDir
    Path root;
    SystemRouter router;

    @BeforeEach
    void fakeHost() throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), "6.18.0-test\n");
        Files.writeString(root.resolve("proc/sys/kernel/hostname"), "berthhost\n");
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:        2046820 kB\nMemFree: 1 kB\n");
        Files.writeString(root.resolve("etc/os-release"), "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        lenient().when(backend.systemFacts())
                .thenReturn(new SystemFactsProbe(new HostFacts(root), new EventsListeners(), false, "json-file", List.of()).measure());
        router = new SystemRouter(backend, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    @Test
    void pingHandler_getAnswersOkWithNoCacheHeaders() {
        RecordingExchange ex = new RecordingExchange();
        router.pingHandler(Requests.get("/_ping").build(), ex);
        assertEquals("OK", ex.text());
        assertEquals("text/plain; charset=utf-8", ex.contentType);
        assertEquals("no-cache, no-store, must-revalidate", ex.headers.get("Cache-Control"));
        assertEquals("no-cache", ex.headers.get("Pragma"));
    }

    @Test
    void pingHandler_headHasEmptyBody() {
        RecordingExchange ex = new RecordingExchange();
        router.pingHandler(io.berth.gateway.http.ApiRequest.of(HttpMethod.HEAD, "/_ping", Map.of(), Map.of(), null), ex);
        assertEquals(0, ex.body.length);
        assertEquals(200, ex.status.code());
    }

    @Test
    void getVersion_reportsApiVersionsAndHost() {
        RecordingExchange ex = new RecordingExchange();
        router.getVersion(Requests.get("/version").build(), ex);
        JsonNode v = ex.json();
        assertEquals("1.41", v.get("ApiVersion").asText());
        assertEquals("1.12", v.get("MinAPIVersion").asText());
        assertEquals("linux", v.get("Os").asText());
        assertEquals("6.18.0-test", v.get("KernelVersion").asText());
        assertEquals(BuildInfo.VERSION, v.get("Version").asText());
        assertEquals("berth", v.get("Platform").get("Name").asText());
        JsonNode engine = v.get("Components").get(0);
        assertEquals("Engine", engine.get("Name").asText());
        assertEquals("1.41", engine.get("Details").get("ApiVersion").asText());
        assertEquals("false", engine.get("Details").get("Experimental").asText());
        assertTrue(v.get("GoVersion").asText().startsWith("java"));
    }

    @Test
    void getInfo_countsContainersAndReportsStorageAndHost() {
        when(backend.listAllContainers()).thenReturn(List.of(
                container(true, false), container(false, false), container(false, false), container(true, true)));
        when(backend.storageInfo()).thenReturn(GetStorageInfoResponse.newBuilder().setDriver("overlay2")
                .addDriverStatus(DriverStatus.newBuilder().setKey("Backing Filesystem").setValue("extfs"))
                .setImages(2).setDataRoot("/var/lib/berth").build());
        RecordingExchange ex = new RecordingExchange();
        router.getInfo(Requests.get("/info").build(), ex);
        JsonNode i = ex.json();
        assertEquals(4, i.get("Containers").asInt());
        assertEquals(1, i.get("ContainersRunning").asInt());
        assertEquals(1, i.get("ContainersPaused").asInt());
        assertEquals(2, i.get("ContainersStopped").asInt());
        assertEquals(2, i.get("Images").asInt());
        assertEquals("overlay2", i.get("Driver").asText());
        assertEquals("Backing Filesystem", i.get("DriverStatus").get(0).get(0).asText());
        assertEquals("/var/lib/berth", i.get("DockerRootDir").asText());
        assertEquals(2046820L * 1024, i.get("MemTotal").asLong());
        assertEquals("Debian GNU/Linux 12 (bookworm)", i.get("OperatingSystem").asText());
        assertEquals("berthhost", i.get("Name").asText());
        assertEquals("1", i.get("CgroupVersion").asText());
        assertEquals("linux", i.get("OSType").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), i.get("NCPU").asInt());
        assertEquals("inactive", i.get("Swarm").get("LocalNodeState").asText());
        assertTrue(i.get("RegistryConfig").get("IndexConfigs").has("docker.io"));
    }

    private static Container container(boolean running, boolean paused) {
        return Container.newBuilder().setState(ContainerState.newBuilder().setRunning(running).setPaused(paused)).build();
    }
}
