package io.berth.gateway.types.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.image.ImageConfig;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.gateway.types.GraphDriverData;
import io.berth.gateway.types.containers.ContainerConfig;
import io.berth.proto.storage.v1.Image;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Maps storage's {@link Image} and its config blob (Docker image spec v1.2 / OCI config.md, read with
 * {@link ImageConfig}) to the {@link ImageInspect} of Docker Engine API 1.41 {@code GET /images/{name}/json}.
 */
public final class ImageInspectMapper {
    private ImageInspectMapper() {
    }

    /**
     * @param image the stored image
     * @return the inspect body
     */
    public static ImageInspect of(Image image) {
        JsonNode blob = blob(image);
        ImageConfig cfg = imageConfig(blob);
        ImageConfig.RootFs rootfs = cfg.rootfs();
        return new ImageInspect(image.getId(), List.copyOf(image.getRepoTagsList()),
                List.copyOf(image.getRepoDigestsList()), image.getParent(), blob.path("comment").asText(""),
                DockerTime.rfc3339Nano(image.getCreated()),
                text(cfg.container()), config(cfg.containerConfig()), text(cfg.dockerVersion()), text(cfg.author()),
                config(cfg.config()), text(cfg.architecture()), emptyToNull(cfg.variant()),
                Objects.requireNonNullElse(cfg.os(), "linux"), emptyToNull(cfg.osVersion()), image.getSizeBytes(),
                image.getSizeBytes(), GraphDriverData.of(image.getDriver(), image.getDriverDataMap()),
                new ImageInspect.RootFs(rootfs == null || rootfs.type() == null ? "layers" : rootfs.type(),
                        cfg.diffIds()),
                new ImageInspect.Metadata(image.hasLastTagTime() ? DockerTime.rfc3339Nano(image.getLastTagTime())
                        : DockerTime.ZERO));
    }

    /**
     * @param c the {@code config} or {@code container_config} of an image config, or null
     * @return Docker's Config object in dockerd's shape (absent lists null, omitempty fields left out)
     */
    public static ContainerConfig config(ImageConfig.Config c) {
        ImageConfig.Config x = c != null ? c : new ImageConfig.Config(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        return new ContainerConfig(text(x.hostname()), text(x.domainname()), text(x.user()), isTrue(x.attachStdin()),
                isTrue(x.attachStdout()), isTrue(x.attachStderr()),
                x.exposedPorts() == null || x.exposedPorts().isEmpty() ? null : x.exposedPorts(), isTrue(x.tty()),
                isTrue(x.openStdin()), isTrue(x.stdinOnce()), x.env(), x.cmd(),
                x.healthcheck() != null && x.healthcheck().isObject() ? x.healthcheck() : null,
                isTrue(x.argsEscaped()) ? true : null, text(x.image()), x.volumes(), text(x.workingDir()),
                x.entrypoint(), isTrue(x.networkDisabled()) ? true : null, emptyToNull(x.macAddress()), x.onBuild(),
                x.labels(), emptyToNull(x.stopSignal()), x.stopTimeout(),
                x.shell() == null || x.shell().isEmpty() ? null : x.shell());
    }

    /**
     * @param image the stored image
     * @return its parsed config; every field absent if the blob is empty or not a config
     */
    static ImageConfig imageConfig(Image image) {
        return imageConfig(blob(image));
    }

    /** @return the config blob as a tree: an empty object if it is empty or not a JSON object */
    private static JsonNode blob(Image image) {
        try {
            JsonNode n = Json.MAPPER.readTree(image.getConfigJson().toByteArray());
            return n != null && n.isObject() ? n : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static ImageConfig imageConfig(JsonNode blob) {
        try {
            return Json.MAPPER.treeToValue(blob, ImageConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            return ImageConfig.empty();
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean isTrue(Boolean b) {
        return b != null && b;
    }
}
