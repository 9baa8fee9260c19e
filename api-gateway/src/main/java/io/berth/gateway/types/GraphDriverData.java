package io.berth.gateway.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * Docker Engine API 1.41 swagger {@code GraphDriverData}: the storage driver of an image or a container and
 * its data, as image and container inspect show it.
 *
 * @param data the driver's data (overlay2: LowerDir, MergedDir, UpperDir, WorkDir) sorted by key, or null
 *     when there is none (dockerd writes {@code "Data":null})
 * @param name the driver name ("overlay2", "vfs")
 */
public record GraphDriverData(@JsonProperty("Data") Map<String, String> data, @JsonProperty("Name") String name) {
    /**
     * @param driver the driver name
     * @param data its data as storage or the engine reports it
     * @return the object, with {@code Data} null when {@code data} is empty
     */
    public static GraphDriverData of(String driver, Map<String, String> data) {
        return new GraphDriverData(data.isEmpty() ? null : new TreeMap<>(data), driver);
    }
}
