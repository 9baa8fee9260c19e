package io.berth.storage.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.json.Json;
import io.berth.storage.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Manifest, manifest list and OCI index parsing, and the refusals (schema 1, foreign layers, bad fields). */
class ManifestsTest {
    static final String D1 = "sha256:" + "a".repeat(64);
    static final String D2 = "sha256:" + "b".repeat(64);

    static byte[] manifest(String mediaType, String configType, String layerType) {
        return ("{\"schemaVersion\":2" + (mediaType == null ? "" : ",\"mediaType\":\"" + mediaType + "\"")
                + ",\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\"" + D1 + "\",\"size\":10},"
                + "\"layers\":[{\"mediaType\":\"" + layerType + "\",\"digest\":\"" + D2 + "\",\"size\":20}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void schema2_andOci_giveConfigAndLayers() {
        for (String[] t : new String[][] {{Manifests.DOCKER_MANIFEST, Manifests.DOCKER_CONFIG, Manifests.DOCKER_LAYER_GZIP},
                {Manifests.OCI_MANIFEST, Manifests.OCI_CONFIG, "application/vnd.oci.image.layer.v1.tar+gzip"},
                {null, Manifests.OCI_CONFIG, "application/vnd.oci.image.layer.v1.tar"}}) {
            Manifests.Parsed p = Manifests.parse(manifest(t[0], t[1], t[2]), "application/json", "x");
            Manifests.ImageManifest m = assertInstanceOf(Manifests.ImageManifest.class, p);
            assertEquals(Digest.parse(D1), m.config().digest());
            assertEquals(10, m.config().size());
            assertEquals(List.of(Digest.parse(D2)), m.layers().stream().map(Descriptor::digest).toList());
            assertEquals(t[0] == null ? Manifests.OCI_MANIFEST : t[0], m.mediaType());
        }
    }

    @Test
    void schema1_isRefusedByName() {
        byte[] v1 = "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"1\",\"fsLayers\":[]}".getBytes();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Manifests.parse(v1, "application/vnd.docker.distribution.manifest.v1+prettyjws", "r/x:1"));
        assertTrue(e.getMessage().contains("schema 1 is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("r/x:1"), e.getMessage());
    }

    @Test
    void hostileFields_areRefused() {
        String good = new String(manifest(Manifests.DOCKER_MANIFEST, Manifests.DOCKER_CONFIG, Manifests.DOCKER_LAYER_GZIP));
        List<String> bad = List.of(
                good.replace(D2, "sha256:../../etc/passwd"),
                good.replace("\"size\":20", "\"size\":-1"),
                good.replace("\"size\":20", "\"size\":\"big\""),
                good.replace(Manifests.DOCKER_LAYER_GZIP, "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"),
                good.replace(Manifests.DOCKER_LAYER_GZIP, "application/vnd.oci.image.layer.v1.tar+zstd"),
                good.replace(Manifests.DOCKER_CONFIG, "application/vnd.cncf.helm.config.v1+json"),
                good.replace("\"schemaVersion\":2", "\"schemaVersion\":3"),
                good.replace("\"layers\":[", "\"layers\":{\"a\":[").replace("}]}", "}]}}"),
                "[]", "not json");
        for (String b : bad) {
            assertThrows(InvalidArgumentException.class, () -> Manifests.parse(b.getBytes(), "", "x"), b);
        }
    }

    @Test
    void tooManyLayers_isRefused() {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i <= Manifests.MAX_LAYERS; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(Manifests.DOCKER_LAYER_GZIP)
                    .append("\",\"digest\":\"").append(D2).append("\",\"size\":1}");
        }
        byte[] m = ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + Manifests.DOCKER_CONFIG + "\",\"digest\":\""
                + D1 + "\",\"size\":1},\"layers\":[" + layers + "]}").getBytes();
        assertThrows(InvalidArgumentException.class, () -> Manifests.parse(m, "", "x"));
    }

    static byte[] index(String type) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"manifests\":["
                + "{\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":1,"
                + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}},"
                + "{\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"digest\":\"" + D2 + "\",\"size\":2,"
                + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}").getBytes();
    }

    @Test
    void index_choosesThePlatform_andSaysWhenNoneMatches() {
        for (String type : List.of(Manifests.OCI_INDEX, Manifests.DOCKER_LIST)) {
            Manifests.Index i = assertInstanceOf(Manifests.Index.class, Manifests.parse(index(type), "", "x"));
            assertEquals(Digest.parse(D2), Manifests.choose(i, Platform.parse("linux/amd64")).digest());
            assertEquals(Digest.parse(D1), Manifests.choose(i, Platform.parse("linux/arm64")).digest());
            assertEquals(Digest.parse(D1), Manifests.choose(i, Platform.parse("linux/arm64/v8")).digest());
            NotFoundException e = assertThrows(NotFoundException.class, () -> Manifests.choose(i, Platform.parse("linux/s390x")));
            assertEquals("no matching manifest for linux/s390x in the manifest list entries", e.getMessage());
        }
        assertThrows(InvalidArgumentException.class, () -> Platform.parse("linux/amd64/v2/x"));
    }

    @Test
    void dockerManifest_isValidSchema2_thatParsesBack() {
        Descriptor config = new Descriptor(Manifests.DOCKER_CONFIG, Digest.parse(D1), 10, null, null);
        Descriptor layer = new Descriptor(Manifests.DOCKER_LAYER_GZIP, Digest.parse(D2), 20, null, null);
        byte[] body = Manifests.dockerManifest(config, List.of(layer));
        assertEquals(Manifests.DOCKER_MANIFEST, Json.parse(body).path("mediaType").asText());
        Manifests.ImageManifest m = (Manifests.ImageManifest) Manifests.parse(body, "", "x");
        assertEquals(config, m.config());
        assertEquals(List.of(layer), m.layers());
    }
}
