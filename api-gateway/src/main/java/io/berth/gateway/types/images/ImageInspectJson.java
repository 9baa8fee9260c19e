package io.berth.gateway.types.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.gateway.http.Json;
import io.berth.gateway.types.DockerTime;
import io.berth.gateway.types.containers.ConfigJson;
import io.berth.proto.storage.v1.Image;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of Docker Engine API 1.41 {@code GET /images/{name}/json} (swagger Image): Id, RepoTags,
 * RepoDigests, Parent, Comment, Created (RFC3339Nano), Container, ContainerConfig, DockerVersion, Author,
 * Config (from the image config's "config"), Architecture, Variant, Os, OsVersion, Size, VirtualSize (bytes),
 * GraphDriver {Data, Name}, RootFS {Type "layers", Layers = diff IDs}, Metadata {LastTagTime}.
 */
public final class ImageInspectJson {
    private ImageInspectJson() {
    }

    /**
     * @param image the stored image
     * @return the JSON object
     */
    public static ObjectNode of(Image image) {
        JsonNode cfg = ImageConfigs.parse(image);
        ObjectNode o = Json.object();
        o.put("Id", image.getId());
        ArrayNode tags = o.putArray("RepoTags");
        image.getRepoTagsList().forEach(tags::add);
        ArrayNode digests = o.putArray("RepoDigests");
        image.getRepoDigestsList().forEach(digests::add);
        o.put("Parent", "");
        o.put("Comment", cfg.path("comment").asText(""));
        o.put("Created", DockerTime.rfc3339Nano(image.getCreated()));
        o.put("Container", cfg.path("container").asText(""));
        o.set("ContainerConfig", ConfigJson.fromImageConfig(cfg.get("container_config")));
        o.put("DockerVersion", cfg.path("docker_version").asText(""));
        o.put("Author", cfg.path("author").asText(""));
        o.set("Config", ConfigJson.fromImageConfig(cfg.get("config")));
        o.put("Architecture", cfg.path("architecture").asText(""));
        if (!cfg.path("variant").asText("").isEmpty()) {
            o.put("Variant", cfg.get("variant").asText());
        }
        o.put("Os", cfg.path("os").asText("linux"));
        if (!cfg.path("os.version").asText("").isEmpty()) {
            o.put("OsVersion", cfg.get("os.version").asText());
        }
        o.put("Size", image.getSizeBytes());
        o.put("VirtualSize", image.getSizeBytes());
        o.set("GraphDriver", graphDriver(image.getDriver(), image.getDriverDataMap()));
        ObjectNode rootfs = o.putObject("RootFS");
        rootfs.put("Type", cfg.path("rootfs").path("type").asText("layers"));
        ArrayNode layers = rootfs.putArray("Layers");
        cfg.path("rootfs").path("diff_ids").forEach(d -> layers.add(d.asText()));
        o.putObject("Metadata").put("LastTagTime", image.hasLastTagTime()
                ? DockerTime.rfc3339Nano(image.getLastTagTime()) : DockerTime.ZERO);
        return o;
    }

    /**
     * Docker's GraphDriverData.
     *
     * @param driver driver name
     * @param data driver data (overlay2: LowerDir, MergedDir, UpperDir, WorkDir)
     * @return {"Data": {...} or null, "Name": driver}
     */
    public static ObjectNode graphDriver(String driver, Map<String, String> data) {
        ObjectNode g = Json.object();
        if (data.isEmpty()) {
            g.putNull("Data");
        } else {
            ObjectNode d = g.putObject("Data");
            new TreeMap<>(data).forEach(d::put);
        }
        g.put("Name", driver);
        return g;
    }
}
