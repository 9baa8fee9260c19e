package io.berth.gateway.types.volumes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Docker Engine API 1.41 {@code POST /volumes/create} body (swagger {@code VolumeConfig}).
 *
 * @param name Name ("" or null: generated)
 * @param driver Driver ("" or null: "local")
 * @param driverOpts DriverOpts (type, device, o for the local driver)
 * @param labels Labels
 */
public record VolumeCreateRequest(@JsonProperty("Name") String name,
                                  @JsonProperty("Driver") String driver,
                                  @JsonProperty("DriverOpts") Map<String, String> driverOpts,
                                  @JsonProperty("Labels") Map<String, String> labels) {
}
