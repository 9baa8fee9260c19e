package io.berth.engine.config;

import java.util.Map;

/**
 * The daemon's default log configuration (dockerd's {@code --log-driver} and {@code --log-opt k=v}, or
 * daemon.json's {@code log-driver} / {@code log-opts}): applied to a container at create when its
 * {@code HostConfig.LogConfig.Type} is empty, and its options fill the keys the container leaves unset when the
 * container's driver is the default one (moby daemon/logs.go {@code mergeAndVerifyLogConfig}).
 */
public final class LogDefaults {
    private final String driver;
    private final Map<String, String> options;

    /** json-file without options (dockerd's defaults). */
    public LogDefaults() {
        this("json-file", Map.of());
    }

    /**
     * @param driver the default driver (empty = json-file)
     * @param options the default options
     */
    public LogDefaults(String driver, Map<String, String> options) {
        this.driver = driver == null || driver.isEmpty() ? "json-file" : driver;
        this.options = Map.copyOf(options);
    }

    /** @return the default driver, never empty */
    public String driver() {
        return driver;
    }

    /** @return the default options (immutable) */
    public Map<String, String> options() {
        return options;
    }
}
