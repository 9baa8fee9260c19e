package io.berth.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of dockerd's {@code daemon.json} that berthd accepts (moby 20.10 {@code daemon/config.Config}'s json
 * tags), each with the Go type dockerd decodes it into and the berthd flag that sets the same value. A key not
 * listed here is refused at start, as dockerd refuses a directive it does not know.
 */
public enum ConfigKey {
    /** {@code -H}; Go's NamedListOpts "hosts". */
    HOSTS("hosts", GoType.STRING_LIST, "--host"),
    /** {@code --data-root}. */
    DATA_ROOT("data-root", GoType.STRING, "--data-root"),
    /** {@code --exec-root}. */
    EXEC_ROOT("exec-root", GoType.STRING, "--exec-root"),
    /** {@code --storage-driver}. */
    STORAGE_DRIVER("storage-driver", GoType.STRING, "--storage-driver"),
    /** {@code -D}; reloaded on SIGHUP. */
    DEBUG("debug", GoType.BOOL, "--debug"),
    /** {@code -l}; reloaded on SIGHUP. */
    LOG_LEVEL("log-level", GoType.STRING, "--log-level"),
    /** {@code --tls}. */
    TLS("tls", GoType.BOOL, "--tls"),
    /** {@code --tlsverify}. */
    TLS_VERIFY("tlsverify", GoType.BOOL, "--tlsverify"),
    /** {@code --tlscacert}. */
    TLS_CA_CERT("tlscacert", GoType.STRING, "--tlscacert"),
    /** {@code --tlscert}. */
    TLS_CERT("tlscert", GoType.STRING, "--tlscert"),
    /** {@code --tlskey}. */
    TLS_KEY("tlskey", GoType.STRING, "--tlskey"),
    /** {@code -G}. */
    GROUP("group", GoType.STRING, "--group"),
    /** {@code -p}. */
    PIDFILE("pidfile", GoType.STRING, "--pidfile"),
    /** {@code --insecure-registry}; reloaded on SIGHUP. */
    INSECURE_REGISTRIES("insecure-registries", GoType.STRING_LIST, "--insecure-registry"),
    /** {@code --registry-mirror}; reloaded on SIGHUP. */
    REGISTRY_MIRRORS("registry-mirrors", GoType.STRING_LIST, "--registry-mirror"),
    /** {@code --live-restore}. */
    LIVE_RESTORE("live-restore", GoType.BOOL, "--live-restore"),
    /** {@code --default-ulimit}: {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}. */
    DEFAULT_ULIMITS("default-ulimits", GoType.ULIMIT_MAP, "--default-ulimit"),
    /** {@code --log-driver}. */
    LOG_DRIVER("log-driver", GoType.STRING, "--log-driver"),
    /** {@code --log-opt}. */
    LOG_OPTS("log-opts", GoType.STRING_MAP, "--log-opt"),
    /** {@code --label}; reloaded on SIGHUP. */
    LABELS("labels", GoType.STRING_LIST, "--label"),
    /** {@code --metrics-addr}. */
    METRICS_ADDR("metrics-addr", GoType.STRING, "--metrics-addr"),
    /** {@code -b}, {@code --bridge}: the default bridge network's Linux bridge. */
    BRIDGE("bridge", GoType.STRING, "--bridge"),
    /** {@code --bip}: the default bridge's address and prefix. */
    BIP("bip", GoType.STRING, "--bip"),
    /** {@code --cgroup-parent}. */
    CGROUP_PARENT("cgroup-parent", GoType.STRING, "--cgroup-parent"),
    /** {@code --default-runtime}. */
    DEFAULT_RUNTIME("default-runtime", GoType.STRING, "--default-runtime"),
    /** No flag in dockerd 20.10: {"buildkit": true}. */
    FEATURES("features", GoType.BOOL_MAP, null),
    /** {@code --max-concurrent-downloads}; reloaded on SIGHUP. */
    MAX_CONCURRENT_DOWNLOADS("max-concurrent-downloads", GoType.INT, "--max-concurrent-downloads"),
    /** {@code --max-concurrent-uploads}; reloaded on SIGHUP. */
    MAX_CONCURRENT_UPLOADS("max-concurrent-uploads", GoType.INT, "--max-concurrent-uploads");

    private static final Map<String, ConfigKey> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConfigKey::key, Function.identity()));

    private final String key;
    private final GoType type;
    private final String flag;

    ConfigKey(String key, GoType type, String flag) {
        this.key = key;
        this.type = type;
        this.flag = flag;
    }

    /** @return the JSON key, e.g. "data-root" */
    public String key() {
        return key;
    }

    /** @return the Go type dockerd decodes the value into */
    public GoType type() {
        return type;
    }

    /** @return berthd's long flag for the same value, or null if only the file sets it */
    public String flag() {
        return flag;
    }

    /**
     * @param key a JSON key
     * @return the key, if berthd knows it
     */
    public static Optional<ConfigKey> of(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The Go types of the keys, with the check of a JSON value against each (encoding/json's rules). */
    public enum GoType {
        /** bool (also *bool). */
        BOOL("bool"),
        /** string. */
        STRING("string"),
        /** int (also *int). */
        INT("int"),
        /** []string. */
        STRING_LIST("[]string"),
        /** map[string]string. */
        STRING_MAP("map[string]string"),
        /** map[string]bool. */
        BOOL_MAP("map[string]bool"),
        /** map[string]*units.Ulimit. */
        ULIMIT_MAP("map[string]*units.Ulimit");

        private final String goName;

        GoType(String goName) {
            this.goName = goName;
        }

        /** @return Go's name of the type, as encoding/json's errors print it */
        public String goName() {
            return goName;
        }

        /**
         * @param v a JSON value from the file
         * @return null if encoding/json would decode it into this type (null always decodes), else the Go type
         *     whose value it would fail on ("string" for an element of a []string) and the JSON kind it has
         */
        String[] mismatch(JsonNode v) {
            if (v.isNull()) {
                return null;
            }
            return switch (this) {
                case BOOL -> v.isBoolean() ? null : new String[] {goName, kind(v)};
                case STRING -> v.isTextual() ? null : new String[] {goName, kind(v)};
                case INT -> v.isIntegralNumber() && v.canConvertToInt() ? null : new String[] {goName, kind(v)};
                case STRING_LIST -> elements(v, JsonNode::isTextual, "string");
                case STRING_MAP -> values(v, JsonNode::isTextual, "string");
                case BOOL_MAP -> values(v, JsonNode::isBoolean, "bool");
                case ULIMIT_MAP -> values(v, JsonNode::isObject, "units.Ulimit");
            };
        }

        private String[] elements(JsonNode v, java.util.function.Predicate<JsonNode> ok, String elemType) {
            if (!v.isArray()) {
                return new String[] {goName, kind(v)};
            }
            for (JsonNode e : v) {
                if (!e.isNull() && !ok.test(e)) {
                    return new String[] {elemType, kind(e)};
                }
            }
            return null;
        }

        private String[] values(JsonNode v, java.util.function.Predicate<JsonNode> ok, String elemType) {
            if (!v.isObject()) {
                return new String[] {goName, kind(v)};
            }
            for (JsonNode e : v) {
                if (!e.isNull() && !ok.test(e)) {
                    return new String[] {elemType, kind(e)};
                }
            }
            return null;
        }

        /** encoding/json's name of a JSON value's kind: "string", "number", "bool", "array", "object". */
        private static String kind(JsonNode v) {
            if (v.isTextual()) {
                return "string";
            }
            if (v.isNumber()) {
                return "number";
            }
            if (v.isBoolean()) {
                return "bool";
            }
            return v.isArray() ? "array" : "object";
        }
    }
}
