package io.berth.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.daemon.config.ConfigKey;
import io.berth.daemon.config.FileSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * The flags given on berthd's command line as {@link FileSettings} (the same JSON values a {@code daemon.json} would
 * hold), so that flags and file merge, and conflict, key by key.
 */
final class FlagSettings {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FlagSettings() {
    }

    /**
     * @param b the parsed command
     * @param parsed picocli's parse result (which options the user gave)
     * @return the settings of the options the user gave (not their defaults)
     */
    static FileSettings of(Berthd b, ParseResult parsed) {
        Map<ConfigKey, JsonNode> v = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            if (k.flag() == null || parsed == null || !parsed.hasMatchedOption(k.flag())) {
                continue;
            }
            JsonNode n = switch (k) {
                case HOSTS -> list(b.hosts);
                case DATA_ROOT -> NODES.textNode(b.dataRoot.toString());
                case EXEC_ROOT -> NODES.textNode(b.execRoot.toString());
                case STORAGE_DRIVER -> NODES.textNode(b.storageDriver);
                case DEBUG -> NODES.booleanNode(b.debug);
                case LOG_LEVEL -> NODES.textNode(b.logLevel);
                case TLS -> NODES.booleanNode(b.tls);
                case TLS_VERIFY -> NODES.booleanNode(b.tlsVerify);
                case TLS_CA_CERT -> NODES.textNode(b.tlsCaCert.toString());
                case TLS_CERT -> NODES.textNode(b.tlsCert.toString());
                case TLS_KEY -> NODES.textNode(b.tlsKey.toString());
                case GROUP -> NODES.textNode(b.group);
                case PIDFILE -> NODES.textNode(b.pidfile.toString());
                case INSECURE_REGISTRIES -> list(b.insecureRegistries);
                case REGISTRY_MIRRORS -> list(b.registryMirrors);
                case LIVE_RESTORE -> NODES.booleanNode(b.liveRestore);
                case DEFAULT_ULIMITS -> ulimits(b.defaultUlimits);
                case LOG_DRIVER -> NODES.textNode(b.logDriver);
                case LOG_OPTS -> map(b.logOpts);
                case LABELS -> list(b.labels);
                case METRICS_ADDR -> NODES.textNode(b.metricsAddr);
                case CGROUP_PARENT -> NODES.textNode(b.cgroupParent.toString());
                case BRIDGE -> NODES.textNode(b.bridge);
                case BIP -> NODES.textNode(b.bip);
                case DEFAULT_RUNTIME -> NODES.textNode(b.defaultRuntime);
                case MAX_CONCURRENT_DOWNLOADS -> NODES.numberNode(b.maxConcurrentDownloads);
                case MAX_CONCURRENT_UPLOADS -> NODES.numberNode(b.maxConcurrentUploads);
                case FEATURES -> null;
            };
            if (n != null) {
                v.put(k, n);
            }
        }
        return new FileSettings(v);
    }

    private static JsonNode list(List<String> values) {
        var a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static JsonNode map(Map<String, String> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach(o::put);
        return o;
    }

    /** {@code --default-ulimit nofile=1024:2048} as daemon.json's {"nofile": {"Name", "Soft", "Hard"}}. */
    private static JsonNode ulimits(List<String> values) {
        ObjectNode o = NODES.objectNode();
        for (String u : values) {
            int eq = u.indexOf('=');
            String name = eq < 0 ? u : u.substring(0, eq);
            String[] limits = eq < 0 ? new String[0] : u.substring(eq + 1).split(":", 2);
            ObjectNode l = o.putObject(name);
            l.put("Name", name);
            try {
                if (limits.length > 0) {
                    l.put("Soft", Long.parseLong(limits[0]));
                    l.put("Hard", Long.parseLong(limits.length > 1 ? limits[1] : limits[0]));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid ulimit argument: " + u);
            }
        }
        return o;
    }
}
