package io.berth.gateway.router.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.UnavailableException;
import io.berth.common.json.Json;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.storage.v1.ListImagesRequest;
import java.time.Clock;
import java.util.List;
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

    DiskUsageRouter router() {
        return new DiskUsageRouter(system, images, snapshots, Clock.systemUTC());
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
