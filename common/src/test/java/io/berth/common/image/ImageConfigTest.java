package io.berth.common.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    @Test
    void parse_readsTheFieldsEveryServiceNeeds() {
        String blob = """
                {"architecture":"amd64","os":"linux","created":"2026-11-29T09:09:56.5Z",
                 "config":{"Env":["PATH=/bin"],"Cmd":["sh"],"Labels":{"a":"b"},"ExposedPorts":{"80/tcp":{}},
                           "Healthcheck":{"Test":["CMD","true"]},"Unknown":1},
                 "rootfs":{"type":"layers","diff_ids":["sha256:aa"]},
                 "history":[{"created_by":"/bin/sh -c #(nop) ADD","empty_layer":true}]}""";
        ImageConfig c = ImageConfig.parse(blob.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("sh"), c.config().cmd());
        assertNull(c.config().entrypoint());
        assertEquals(Map.of("a", "b"), c.labels());
        assertEquals(List.of("sha256:aa"), c.diffIds());
        assertEquals(Instant.parse("2026-11-29T09:09:56.5Z"), c.createdTime());
        assertEquals("[\"CMD\",\"true\"]", c.config().healthcheck().get("Test").toString());
        assertEquals(Boolean.TRUE, c.history().get(0).emptyLayer());
    }

    @Test
    void parse_refusesWhatIsNotAnObject() {
        assertThrows(InvalidArgumentException.class, () -> ImageConfig.parse("[1]".getBytes()));
        assertThrows(InvalidArgumentException.class, () -> ImageConfig.parse("{".getBytes()));
        assertNull(ImageConfig.parse(new byte[0]).config());
        assertNull(ImageConfig.parse("{\"created\":\"yesterday\"}".getBytes()).createdTime());
    }
}
