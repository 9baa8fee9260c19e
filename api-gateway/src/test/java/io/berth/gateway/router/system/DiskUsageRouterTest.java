package io.berth.gateway.router.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.UnavailableException;
import io.berth.common.json.Json;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.router.volumes.VolumesBackend;
import io.berth.proto.engine.v1.ListVolumesRequest;
import io.berth.proto.engine.v1.ListVolumesResponse;
import io.berth.proto.engine.v1.Volume;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.storage.v1.ListImagesRequest;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class DiskUsageRouterTest {
    @Mock
    SystemBackend system;
    @Mock
    ImagesBackend images;
    @Mock
    DiskUsageBackend snapshots;
    @Mock
    VolumesBackend volumes;

    DiskUsageRouter router() {
        return new DiskUsageRouter(system, images, snapshots, volumes, Clock.systemUTC());
    }

    @BeforeEach
    void noVolumes() {
        lenient().when(volumes.list(any())).thenReturn(ListVolumesResponse.getDefaultInstance());
    }

    @Test
    void df_listsEveryVolumeWithItsSizeAndRefCount() {
        when(system.listAllContainers()).thenReturn(List.of());
        when(images.listImages(any())).thenReturn(List.of());
        when(volumes.list(any())).thenReturn(ListVolumesResponse.newBuilder()
                .addVolumes(Volume.newBuilder().setName("data").setDriver("local").setScope("local")
                        .setMountpoint("/d/volumes/data/_data").setCreatedAt("2026-12-04T03:00:00Z")
                        .setRefCount(2).setSizeBytes(10_485_760))
                .addVolumes(Volume.newBuilder().setName("idle").setDriver("local").setScope("local")
                        .setMountpoint("/d/volumes/idle/_data").setCreatedAt("2026-12-04T03:00:01Z"))
                .build());
        RecordingExchange ex = new RecordingExchange();
        router().getDiskUsage(Requests.get("/system/df").build(), ex);
        ArgumentCaptor<ListVolumesRequest> req = ArgumentCaptor.forClass(ListVolumesRequest.class);
        verify(volumes).list(req.capture());
        assertEquals(true, req.getValue().getWithSizes(), "sizes asked for");
        JsonNode v = Json.parse(ex.body).get("Volumes");
        assertEquals(2, v.size());
        assertEquals("data", v.get(0).get("Name").asText());
        assertEquals(10_485_760, v.get(0).get("UsageData").get("Size").asLong());
        assertEquals(2, v.get(0).get("UsageData").get("RefCount").asLong());
        assertEquals(0, v.get(1).get("UsageData").get("RefCount").asLong());
        assertEquals("local", v.get(1).get("Driver").asText());
    }

    @Test
    void df_listsAllImages_andAnswersDockersShape() {
        when(system.listAllContainers()).thenReturn(List.of());
        when(images.listImages(any())).thenReturn(List.of());
        RecordingExchange ex = new RecordingExchange();
        router().getDiskUsage(Requests.get("/system/df").build(), ex);
        ArgumentCaptor<ListImagesRequest> req = ArgumentCaptor.forClass(ListImagesRequest.class);
        verify(images).listImages(req.capture());
        assertEquals(true, req.getValue().getAll());
        assertEquals(200, ex.status.code());
        JsonNode body = Json.parse(ex.body);
        assertEquals(0, body.get("LayersSize").asLong());
        for (String k : List.of("Images", "Containers", "Volumes", "BuildCache")) {
            assertEquals(true, body.get(k).isArray(), k);
        }
    }

    @Test
    void df_engineDown_isTheServicesError() {
        when(system.listAllContainers()).thenThrow(new UnavailableException("engine-service is not available"));
        org.junit.jupiter.api.Assertions.assertThrows(UnavailableException.class,
                () -> router().getDiskUsage(Requests.get("/system/df").build(), new RecordingExchange()));
    }

    @Test
    void buildPrune_answersAnEmptyCache() {
        RecordingExchange ex = new RecordingExchange();
        router().postBuildPrune(Requests.post("/build/prune").build(), ex);
        assertEquals(200, ex.status.code());
        assertEquals("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}\n", new String(ex.body));
    }
}
