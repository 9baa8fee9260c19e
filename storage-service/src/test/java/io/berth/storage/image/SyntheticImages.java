package io.berth.storage.image;

import io.berth.storage.content.Digest;
import io.berth.storage.testing.TarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small docker-archives ({@code docker save} format) made in memory, for tests that need no fixture. */
final class SyntheticImages {
    private SyntheticImages() {
    }

    /**
     * @param files one file name per layer; layer {@code i} holds that file with content {@code name}
     * @return the layer tars, bottom first
     */
    static List<byte[]> layers(String... files) {
        List<byte[]> out = new ArrayList<>();
        for (String f : files) {
            out.add(new TarBuilder().file(f, f, 0644).build());
        }
        return out;
    }

    /** @return the diff IDs of {@code layers}, bottom first */
    static List<Digest> diffIds(List<byte[]> layers) {
        return layers.stream().map(Digest::sha256).toList();
    }

    /**
     * @param tag the RepoTag, e.g. "a:1"
     * @param layers the layer tars, bottom first
     * @return a docker-archive of one image with those layers
     */
    static byte[] archive(String tag, List<byte[]> layers) {
        StringBuilder ids = new StringBuilder();
        StringBuilder paths = new StringBuilder();
        TarBuilder tar = new TarBuilder();
        for (int i = 0; i < layers.size(); i++) {
            String sep = i == 0 ? "" : ",";
            ids.append(sep).append('"').append(Digest.sha256(layers.get(i))).append('"');
            paths.append(sep).append("\"l").append(i).append(".tar\"");
            tar.file("l" + i + ".tar", layers.get(i), 0644, 0, 0, TarBuilder.MTIME, Map.of());
        }
        String config = "{\"created\":\"2026-01-02T03:04:05Z\",\"config\":{\"Labels\":{\"t\":\"" + tag + "\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}";
        return tar.file("c.json", config, 0644)
                .file("manifest.json", "[{\"Config\":\"c.json\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[" + paths
                        + "]}]", 0644).build();
    }
}
