package io.berth.common.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * An image config blob, bound with Jackson: Docker Image Specification v1.2 and OCI image-spec
 * {@code config.md}, which share these names. The one parsed view of the blob for every service: storage
 * reads {@code rootfs.diff_ids}, {@code created} and labels, the engine the runtime defaults in
 * {@link #config()}, the gateway what image inspect shows. The blob itself is always kept byte for byte;
 * this record is never written back as the image's config (that would change its digest).
 *
 * <p>Every field may be null when the blob lacks it; list fields keep the difference between absent
 * ({@code null}) and empty, which matters for Cmd and Entrypoint.
 *
 * @param architecture "amd64", ...
 * @param os "linux"
 * @param osVersion {@code os.version}
 * @param variant CPU variant ("v8")
 * @param created RFC 3339 creation time as written in the blob (see {@link #createdTime()})
 * @param author the author
 * @param container ID of the container the image was committed from (Docker's legacy field)
 * @param dockerVersion version of the Docker that built it
 * @param config the runtime defaults
 * @param containerConfig the config of the container it was committed from (Docker's legacy field)
 * @param rootfs the layers
 * @param history one entry per build step, bottom first
 */
public record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("variant") String variant,
        @JsonProperty("created") String created,
        @JsonProperty("author") String author,
        @JsonProperty("container") String container,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("config") Config config,
        @JsonProperty("container_config") Config containerConfig,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("history") List<History> history) {

    /**
     * The runtime defaults ({@code config}), with Docker's container-config names.
     *
     * @param hostname Hostname
     * @param domainname Domainname
     * @param user User ("name", "uid", "uid:gid")
     * @param attachStdin AttachStdin
     * @param attachStdout AttachStdout
     * @param attachStderr AttachStderr
     * @param exposedPorts ExposedPorts: "80/tcp" → {}
     * @param tty Tty
     * @param openStdin OpenStdin
     * @param stdinOnce StdinOnce
     * @param env Env: "KEY=value" entries
     * @param cmd Cmd (null: none)
     * @param healthcheck Healthcheck (Test, Interval, Timeout, StartPeriod, Retries), kept as JSON
     * @param argsEscaped ArgsEscaped (Windows only)
     * @param image Image the container was created from
     * @param volumes Volumes: path → {}
     * @param workingDir WorkingDir
     * @param entrypoint Entrypoint (null: none)
     * @param networkDisabled NetworkDisabled
     * @param macAddress MacAddress
     * @param onBuild OnBuild triggers
     * @param labels Labels
     * @param stopSignal StopSignal ("SIGTERM")
     * @param stopTimeout StopTimeout in seconds
     * @param shell Shell
     */
    public record Config(
            @JsonProperty("Hostname") String hostname,
            @JsonProperty("Domainname") String domainname,
            @JsonProperty("User") String user,
            @JsonProperty("AttachStdin") Boolean attachStdin,
            @JsonProperty("AttachStdout") Boolean attachStdout,
            @JsonProperty("AttachStderr") Boolean attachStderr,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Tty") Boolean tty,
            @JsonProperty("OpenStdin") Boolean openStdin,
            @JsonProperty("StdinOnce") Boolean stdinOnce,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Healthcheck") JsonNode healthcheck,
            @JsonProperty("ArgsEscaped") Boolean argsEscaped,
            @JsonProperty("Image") String image,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("NetworkDisabled") Boolean networkDisabled,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("StopTimeout") Integer stopTimeout,
            @JsonProperty("Shell") List<String> shell) {
    }

    /**
     * The layers ({@code rootfs}).
     *
     * @param type "layers"
     * @param diffIds {@code diff_ids}: "sha256:<hex>" of each uncompressed layer tar, bottom first
     */
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    /**
     * One build step ({@code history[]}).
     *
     * @param created RFC 3339 time of the step
     * @param createdBy the command
     * @param author the author
     * @param comment a comment
     * @param emptyLayer true if the step made no layer
     */
    public record History(@JsonProperty("created") String created,
                          @JsonProperty("created_by") String createdBy,
                          @JsonProperty("author") String author,
                          @JsonProperty("comment") String comment,
                          @JsonProperty("empty_layer") Boolean emptyLayer) {
    }

    /**
     * Parses a config blob.
     *
     * @param blob the config bytes (UTF-8 JSON)
     * @return the parsed view (all fields null for an empty blob)
     * @throws InvalidArgumentException if it is not a JSON object of this shape
     */
    public static ImageConfig parse(byte[] blob) {
        if (blob == null || blob.length == 0) {
            return empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(blob);
            if (root == null || !root.isObject()) {
                throw new InvalidArgumentException("image config is not a JSON object");
            }
            return Json.MAPPER.treeToValue(root, ImageConfig.class);
        } catch (IOException e) {
            throw new InvalidArgumentException("image config is not valid: " + e.getMessage(), e);
        }
    }

    /** @return a config with every field absent */
    public static ImageConfig empty() {
        return new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** @return {@link #created()} as an instant, or null if absent or not RFC 3339 */
    @JsonIgnore
    public Instant createdTime() {
        if (created == null) {
            return null;
        }
        try {
            return DockerTime.parse(created);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return {@code config.Labels}, or an empty map */
    @JsonIgnore
    public Map<String, String> labels() {
        return config == null || config.labels() == null ? Map.of() : config.labels();
    }

    /** @return {@code rootfs.diff_ids}, or an empty list */
    @JsonIgnore
    public List<String> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }
}
