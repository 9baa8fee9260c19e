package io.berth.gateway.types.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.berth.common.json.Json;
import io.berth.proto.storage.v1.Image;
import org.junit.jupiter.api.Test;

class ImageInspectMapperTest {
    static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-02T03:04:05.5Z\","
            + "\"author\":\"me\",\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"WorkingDir\":\"/w\","
            + "\"User\":\"1000\",\"Entrypoint\":[\"/entry\"],\"Labels\":{\"a\":\"b\"}},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:aaa\",\"sha256:bbb\"]}}";

    static Image image() {
        return Image.newBuilder().setId("sha256:" + "c".repeat(64)).addRepoTags("fixture/busybox:1")
                .setConfigJson(ByteString.copyFromUtf8(CONFIG)).setSizeBytes(1234)
                .setCreated(Timestamp.newBuilder().setSeconds(1767323045).setNanos(500_000_000))
                .setDriver("overlay2").putDriverData("MergedDir", "/m").build();
    }

    @Test
    void of_mapsConfigRootfsAndSizes() {
        JsonNode j = Json.MAPPER.valueToTree(ImageInspectMapper.of(image()));
        assertEquals("sha256:" + "c".repeat(64), j.get("Id").asText());
        assertEquals("fixture/busybox:1", j.get("RepoTags").get(0).asText());
        assertEquals("2026-01-02T03:04:05.5Z", j.get("Created").asText());
        assertEquals("me", j.get("Author").asText());
        assertEquals("sh", j.get("Config").get("Cmd").get(0).asText());
        assertEquals("PATH=/bin", j.get("Config").get("Env").get(0).asText());
        assertEquals("/w", j.get("Config").get("WorkingDir").asText());
        assertEquals("1000", j.get("Config").get("User").asText());
        assertEquals("/entry", j.get("Config").get("Entrypoint").get(0).asText());
        assertTrue(j.get("Config").get("OnBuild").isNull());
        assertEquals("layers", j.get("RootFS").get("Type").asText());
        assertEquals("sha256:bbb", j.get("RootFS").get("Layers").get(1).asText());
        assertEquals(1234, j.get("Size").asLong());
        assertEquals("amd64", j.get("Architecture").asText());
        assertEquals("overlay2", j.get("GraphDriver").get("Name").asText());
        assertEquals("/m", j.get("GraphDriver").get("Data").get("MergedDir").asText());
        assertEquals("0001-01-01T00:00:00Z", j.get("Metadata").get("LastTagTime").asText());
        assertTrue(j.get("ContainerConfig").get("Cmd").isNull());
    }

    @Test
    void summary_mapsListFields() {
        JsonNode j = Json.MAPPER.valueToTree(ImageSummaryMapper.of(image()));
        assertEquals(1767323045, j.get("Created").asLong());
        assertEquals(-1, j.get("SharedSize").asInt());
        assertEquals(-1, j.get("Containers").asInt());
        assertEquals("b", j.get("Labels").get("a").asText());
        assertEquals(1234, j.get("VirtualSize").asLong());
        assertEquals(0, j.get("RepoDigests").size());
    }

    @Test
    void summary_untaggedImage_showsNone() {
        JsonNode j = Json.MAPPER.valueToTree(ImageSummaryMapper.of(image().toBuilder().clearRepoTags().build()));
        assertEquals("<none>:<none>", j.get("RepoTags").get(0).asText());
        assertEquals("<none>@<none>", j.get("RepoDigests").get(0).asText());
    }
}
