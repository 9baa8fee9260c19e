package io.berth.gateway.types.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.json.Json;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerConfig;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.storage.v1.Image;
import io.berth.proto.storage.v1.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskUsageMapperTest {
    // base (100) <- mid (20) <- a (5);  base <- b (7)
    static final Map<String, SnapshotInfo> LAYERS = Map.of(
            "base", layer("base", "", 100), "mid", layer("mid", "base", 20),
            "a", layer("a", "mid", 5), "b", layer("b", "base", 7));

    static SnapshotInfo layer(String name, String parent, long size) {
        return SnapshotInfo.newBuilder().setName(name).setParent(parent)
                .putLabels(DiskUsageMapper.SIZE_LABEL, Long.toString(size)).build();
    }

    static Image image(String id, String top, long size, String... tags) {
        return Image.newBuilder().setId(id).setTopChainId(top).setSizeBytes(size).addAllRepoTags(List.of(tags))
                .setConfigJson(com.google.protobuf.ByteString.copyFromUtf8("{}")).build();
    }

    static Container container(String id, String imageId, String status) {
        return Container.newBuilder().setId(id).setName("/" + id).setImageId(imageId)
                .setConfig(ContainerConfig.newBuilder().setImage("img"))
                .setState(ContainerState.newBuilder().setStatus(status)).build();
    }

    @Test
    void sharedLayersCountOnce_andContainersGetTheirWritableLayer() {
        List<String> statted = new ArrayList<>();
        DiskUsage du = DiskUsageMapper.of(
                List.of(image("sha256:a", "a", 125, "x:1", "x:2"), image("sha256:b", "b", 107, "y:1"),
                        image("sha256:c", "", 0)),
                List.of(container("c1", "sha256:a", "running"), container("c2", "sha256:a", "exited")),
                name -> {
                    statted.add(name);
                    return LAYERS.get(name);
                },
                id -> id.equals("c1") ? 4096 : -1, Instant.parse("2026-12-04T00:00:00Z"));
        assertEquals(132, du.layersSize());
        assertEquals(4, statted.size(), "each layer is asked for once: " + statted);
        assertEquals(2, du.images().get(0).containers());
        assertEquals(100, du.images().get(0).sharedSize());
        assertEquals(125, du.images().get(0).size());
        assertEquals(0, du.images().get(1).containers());
        assertEquals(100, du.images().get(1).sharedSize());
        assertEquals(0, du.images().get(2).sharedSize());
        JsonNode c1 = Json.MAPPER.valueToTree(du.containers().get(0));
        assertEquals(4096, c1.get("SizeRw").asLong());
        assertEquals(4096 + 125, c1.get("SizeRootFs").asLong());
        assertEquals(0, du.containers().get(1).get("SizeRw").asLong());
        List<String> names = new ArrayList<>();
        c1.fieldNames().forEachRemaining(names::add);
        assertEquals(names.indexOf("Ports") + 1, names.indexOf("SizeRw"));
        JsonNode all = Json.MAPPER.valueToTree(du);
        assertTrue(all.get("Volumes").isArray() && all.get("BuildCache").isArray());
    }
}
