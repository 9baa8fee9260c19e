package io.berth.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.settings.DaemonSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a {@code daemon.json} sets, each checked against its Go type ({@link ConfigKey.GoType}); a key set to
 * JSON {@code null} counts as not set.
 *
 * @param values the set keys and their JSON values
 */
public record FileSettings(Map<ConfigKey, JsonNode> values) {
    /** No file, or an empty one. */
    public static final FileSettings NONE = new FileSettings(Map.of());

    /** Copies the map. */
    public FileSettings {
        values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(ConfigKey.class) : new EnumMap<>(values));
    }

    /**
     * @param key a key
     * @return true if the file sets it
     */
    public boolean has(ConfigKey key) {
        return values.containsKey(key);
    }

    /**
     * @param key a key of type bool
     * @return its value, if set
     */
    public Optional<Boolean> bool(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::booleanValue);
    }

    /**
     * @param key a key of type string
     * @return its value, if set
     */
    public Optional<String> string(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::textValue);
    }

    /**
     * @param key a key of type int
     * @return its value, if set
     */
    public Optional<Integer> integer(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::intValue);
    }

    /**
     * @param key a key of type []string
     * @return its elements (JSON nulls dropped), if set
     */
    public Optional<List<String>> strings(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(v -> {
            List<String> out = new ArrayList<>();
            v.forEach(e -> {
                if (e.isTextual()) {
                    out.add(e.textValue());
                }
            });
            return List.copyOf(out);
        });
    }

    /**
     * @param key a key of type map[string]string or map[string]bool
     * @return its entries as text ("true"/"false" for bools), in the file's order, if set
     */
    public Optional<Map<String, String>> map(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(v -> {
            Map<String, String> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
                }
            });
            return Collections.unmodifiableMap(out);
        });
    }

    /**
     * @param key a key of type map[string]*units.Ulimit
     * @return its entries ({"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}; Go's encoding/json matches
     *     the field names case-insensitively, so does this), if set
     */
    public Optional<Map<String, DaemonSettings.Ulimit>> ulimits(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(v -> {
            Map<String, DaemonSettings.Ulimit> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> {
                JsonNode u = e.getValue();
                if (u.isObject()) {
                    out.put(e.getKey(), new DaemonSettings.Ulimit(text(u, "name"), number(u, "hard"), number(u, "soft")));
                }
            });
            return Collections.unmodifiableMap(out);
        });
    }

    private static JsonNode field(JsonNode o, String lower) {
        for (java.util.Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(lower)) {
                return o.get(f);
            }
        }
        return null;
    }

    private static String text(JsonNode o, String lower) {
        JsonNode v = field(o, lower);
        return v == null || !v.isTextual() ? "" : v.textValue();
    }

    private static long number(JsonNode o, String lower) {
        JsonNode v = field(o, lower);
        return v == null ? 0 : v.asLong();
    }

    /**
     * @param flags settings given as flags
     * @return each key's value as Go's {@code flag.Value.String()} prints it, for the conflict message
     */
    public static Map<ConfigKey, String> goValues(FileSettings flags) {
        Map<ConfigKey, String> out = new EnumMap<>(ConfigKey.class);
        flags.values().forEach((k, v) -> out.put(k, ConfigFile.goValue(v)));
        return out;
    }

    /**
     * @param a settings
     * @param b settings without a key of {@code a}
     * @return both together
     */
    public static FileSettings union(FileSettings a, FileSettings b) {
        Map<ConfigKey, JsonNode> m = new EnumMap<>(ConfigKey.class);
        m.putAll(a.values());
        m.putAll(b.values());
        return new FileSettings(m);
    }
}
