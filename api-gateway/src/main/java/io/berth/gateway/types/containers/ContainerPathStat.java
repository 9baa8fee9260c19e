package io.berth.gateway.types.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.json.Json;
import io.berth.common.time.DockerTime;
import io.berth.proto.engine.v1.PathStat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Docker's ContainerPathStat (moby api/types), the JSON that dockerd 20.10 puts base64-encoded (standard
 * alphabet, padded) into the {@code X-Docker-Container-Path-Stat} header of {@code HEAD} and {@code GET
 * /containers/{id}/archive}: {@code {"name":"passwd","size":340,"mode":420,"mtime":"2024-01-02T03:04:05.5Z",
 * "linkTarget":""}}. {@code mode} is Go's os.FileMode (dir 1<<31, symlink 1<<27, ...), {@code mtime} Go's
 * RFC 3339 with nanoseconds.
 *
 * @param name name: the base name of the path
 * @param size size in bytes
 * @param mode mode: Go FileMode bits as an unsigned 32-bit number
 * @param mtime mtime
 * @param linkTarget linkTarget: the resolved target of a symbolic link, else ""
 */
public record ContainerPathStat(@JsonProperty("name") String name, @JsonProperty("size") long size,
                                @JsonProperty("mode") long mode, @JsonProperty("mtime") String mtime,
                                @JsonProperty("linkTarget") String linkTarget) {
    /** The header's name. */
    public static final String HEADER = "X-Docker-Container-Path-Stat";

    /**
     * @param s the engine's stat
     * @return the API record
     */
    public static ContainerPathStat of(PathStat s) {
        return new ContainerPathStat(s.getName(), s.getSize(), Integer.toUnsignedLong(s.getMode()),
                DockerTime.rfc3339Nano(Instant.ofEpochSecond(s.getMtimeSeconds(), s.getMtimeNanos())),
                s.getLinkTarget());
    }

    /** @return the header value: base64 of the JSON (without a trailing newline, as Go's json.Marshal) */
    public String header() {
        String json = new String(Json.line(this), StandardCharsets.UTF_8).strip();
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
