package io.berth.engine.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * One local volume as persisted in {@code <data-root>/volumes/<name>/volume.json} (Docker's field names).
 * Labels and Options stay null when the volume was created without them, as dockerd shows them (an anonymous
 * volume's are null, {@code docker volume create}'s are {}).
 *
 * @param name the volume's name ([a-zA-Z0-9][a-zA-Z0-9_.-]+, or 64 hex digits for an anonymous volume)
 * @param driver "local"
 * @param createdAt RFC 3339 with seconds and offset ("2026-12-03T23:50:01Z"), as dockerd's CreatedAt
 * @param labels the labels (null: none given)
 * @param options the local driver's options type, device, o (null: none given)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VolumeRecord(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Options") Map<String, String> options) {
    /** The only driver berth has. */
    public static final String LOCAL = "local";

    /** Copies the maps (sorted, null kept). */
    public VolumeRecord {
        driver = driver == null || driver.isEmpty() ? LOCAL : driver;
        labels = labels == null ? null : new TreeMap<>(labels);
        options = options == null ? null : new TreeMap<>(options);
    }

    /** @return true if the local driver mounts something on its directory (options with a device) */
    public boolean hasMountOptions() {
        return options != null && !options.isEmpty();
    }
}
