package io.berth.storage.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.image.ImageConfig;
import io.berth.storage.content.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigParserTest {
    static final String DIFF = "sha256:" + "a".repeat(64);

    private static ImageConfig parse(String json) {
        return ImageConfigParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refused(String json) {
        return assertThrows(InvalidArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void parse_aDockerConfig_givesDiffIdsCreatedAndLabels() {
        ImageConfig c = parse("{\"created\":\"2026-01-02T03:04:05.5Z\",\"config\":{\"Labels\":{\"a\":\"1\",\"n\":null}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF + "\"]}}");

        assertEquals(List.of(Digest.parse(DIFF)), ImageConfigParser.diffIds(c));
        assertEquals(Instant.parse("2026-01-02T03:04:05.5Z"), c.createdTime());
        assertEquals(Map.of("a", "1", "n", ""), ImageConfigParser.labels(c));
    }

    @Test
    void parse_notAnObjectOrNotJson_isRefusedWithTheReason() {
        assertTrue(refused("{not json").startsWith("image config is not valid JSON: "));
        assertEquals("image config is not a JSON object", refused("[1]"));
    }

    @Test
    void parse_rootfsNotLayersWithDiffIds_isRefused() {
        String message = "image config has no rootfs of type \"layers\" with diff_ids";
        assertEquals(message, refused("{}"));
        assertEquals(message, refused("{\"rootfs\":{\"type\":\"layers\"}}"));
        assertEquals(message, refused("{\"rootfs\":{\"type\":\"other\",\"diff_ids\":[]}}"));
        assertEquals(message, refused("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":\"" + DIFF + "\"}}"));
    }

    @Test
    void parse_aDiffIdThatIsNotASha256Digest_isRefused() {
        assertEquals("invalid digest \"sha512:ab\": want sha256:<64 hex digits>",
                refused("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha512:ab\"]}}"));
    }
}
