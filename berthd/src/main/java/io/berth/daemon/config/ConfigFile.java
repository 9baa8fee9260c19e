package io.berth.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads dockerd's {@code daemon.json} as dockerd 20.10 does (moby daemon/config {@code getConflictFreeConfiguration},
 * {@code findConfigurationConflicts}): the file is one JSON object; a key berthd does not know is refused ("the
 * following directives don't match any configuration option: x"), a value of the wrong JSON type is refused with
 * encoding/json's text ("json: cannot unmarshal string into Go struct field Config.debug of type bool"), and a key
 * also given as a flag is refused naming both values ("the following directives are specified both as a flag and in
 * the configuration file: debug: (from flag: true, from file: false)"). Each error is a {@link ConfigFileException}.
 */
public final class ConfigFile {
    /** berthd's default configuration file (dockerd's is /etc/docker/daemon.json). */
    public static final Path DEFAULT = Path.of("/etc/berth/daemon.json");
    /** Files larger than this are refused (a daemon.json is a few hundred bytes). */
    static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigFile() {
    }

    /**
     * @param file the file
     * @param named true if the user named it ({@code --config-file}): a missing named file is an error, a missing
     *     default one means no settings (dockerd's rule)
     * @param givenFlags the flags given on the command line that a key of the file could also set, with their values
     *     as Go's {@code flag.Value.String()} prints them ("true", "/path", "[a b]")
     * @return the settings the file makes
     * @throws ConfigFileException if the file cannot be read or is refused
     */
    public static FileSettings read(Path file, boolean named, Map<ConfigKey, String> givenFlags)
            throws ConfigFileException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigFileException(file, "the file is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (!named) {
                return FileSettings.NONE;
            }
            throw new ConfigFileException(file, "open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new ConfigFileException(file, "open " + file + ": " + e.getMessage());
        }
        return parse(file, bytes, givenFlags);
    }

    /**
     * @param file the file's name, for messages
     * @param bytes its content
     * @param givenFlags as in {@link #read}
     * @return the settings
     * @throws ConfigFileException if the content is refused
     */
    static FileSettings parse(Path file, byte[] bytes, Map<ConfigKey, String> givenFlags) throws ConfigFileException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ConfigFileException(file, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigFileException(file, e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigFileException(file, "EOF");
        }
        if (!root.isObject()) {
            throw new ConfigFileException(file, "json: cannot unmarshal " + kindOf(root)
                    + " into Go value of type map[string]interface {}");
        }
        SortedSet<String> unknown = new TreeSet<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (ConfigKey.of(k).isEmpty()) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigFileException(file, "the following directives don't match any configuration option: "
                    + String.join(", ", unknown));
        }
        Map<String, String> conflicts = new TreeMap<>();
        Map<ConfigKey, JsonNode> values = new EnumMap<>(ConfigKey.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ConfigKey key = ConfigKey.of(e.getKey()).orElseThrow();
            if (givenFlags.containsKey(key)) {
                conflicts.put(key.key(), key.key() + ": (from flag: " + givenFlags.get(key) + ", from file: "
                        + goValue(e.getValue()) + ")");
            }
            if (!e.getValue().isNull()) {
                values.put(key, e.getValue());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ConfigFileException(file, "the following directives are specified both as a flag and in the "
                    + "configuration file: " + String.join(", ", conflicts.values()));
        }
        for (Map.Entry<ConfigKey, JsonNode> e : values.entrySet()) {
            String[] bad = e.getKey().type().mismatch(e.getValue());
            if (bad != null) {
                throw new ConfigFileException(file, "json: cannot unmarshal " + bad[1] + " into Go struct field Config."
                        + e.getKey().key() + " of type " + bad[0]);
            }
        }
        return new FileSettings(values);
    }

    /**
     * @param v a JSON value
     * @return how Go's {@code fmt} prints it after encoding/json decoded it into an {@code interface{}} ({@code %v}):
     *     {@code true}, {@code text}, {@code 3}, {@code [a b]}, {@code map[k:v]} (keys sorted), {@code <nil>}
     */
    static String goValue(JsonNode v) {
        if (v.isNull()) {
            return "<nil>";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder("[");
            v.forEach(e -> b.append(b.length() > 1 ? " " : "").append(goValue(e)));
            return b.append(']').toString();
        }
        if (v.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            v.fields().forEachRemaining(e -> sorted.put(e.getKey(), goValue(e.getValue())));
            return sorted.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e21 ? Long.toString((long) d) : Double.toString(d);
        }
        return v.asText();
    }

    /**
     * @param values a flag's values
     * @return how Go prints a list option's value ({@code [a b]})
     */
    public static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    private static String kindOf(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        return v.isBoolean() ? "bool" : "array";
    }
}
