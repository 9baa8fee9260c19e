package io.berth.daemon.config;

import io.berth.common.settings.DaemonSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the services' {@link DaemonSettings} from berthd's flags and {@code daemon.json}, at start and on SIGHUP,
 * with dockerd 20.10's checks (moby daemon/config {@code Validate}, registry {@code ValidateMirror},
 * {@code GetConflictFreeLabels}, cmd/dockerd {@code configureDaemonLogs}). Each refusal is an
 * {@link IllegalArgumentException} with dockerd's text.
 */
public final class SettingsMerge {
    private static final Set<String> LEVELS = Set.of("panic", "fatal", "error", "warn", "warning", "info", "debug",
            "trace");

    private SettingsMerge() {
    }

    /**
     * @param given the flags and the file together (their keys never overlap: a key in both is refused before)
     * @return the settings at start
     * @throws IllegalArgumentException if a value is refused
     */
    public static DaemonSettings initial(FileSettings given) {
        DaemonSettings d = DaemonSettings.DEFAULTS;
        return validate(new DaemonSettings(
                given.bool(ConfigKey.DEBUG).orElse(d.debug()),
                given.string(ConfigKey.LOG_LEVEL).orElse(d.logLevel()),
                given.strings(ConfigKey.LABELS).orElse(d.labels()),
                given.strings(ConfigKey.INSECURE_REGISTRIES).orElse(d.insecureRegistries()),
                mirrors(given.strings(ConfigKey.REGISTRY_MIRRORS).orElse(d.registryMirrors())),
                given.integer(ConfigKey.MAX_CONCURRENT_DOWNLOADS).orElse(d.maxConcurrentDownloads()),
                given.integer(ConfigKey.MAX_CONCURRENT_UPLOADS).orElse(d.maxConcurrentUploads()),
                given.bool(ConfigKey.LIVE_RESTORE).orElse(d.liveRestore()),
                given.string(ConfigKey.DEFAULT_RUNTIME).orElse(d.defaultRuntime()),
                bools(given.map(ConfigKey.FEATURES).orElse(Map.of())),
                given.string(ConfigKey.LOG_DRIVER).orElse(d.logDriver()),
                given.map(ConfigKey.LOG_OPTS).orElse(d.logOpts()),
                given.string(ConfigKey.METRICS_ADDR).orElse(d.metricsAddr()),
                given.string(ConfigKey.MAX_LAYER_SIZE).orElse(d.maxLayerSize()),
                given.ulimits(ConfigKey.DEFAULT_ULIMITS).orElse(d.defaultUlimits())));
    }

    /**
     * What a SIGHUP makes, as moby's {@code Daemon.Reload}: debug, log-level, labels, insecure-registries and
     * registry-mirrors take the file's value when it sets them and stay as they are otherwise;
     * max-concurrent-downloads/uploads take the file's (or flag's) value, else go back to their defaults; everything
     * else stays as at start (a restart changes it).
     *
     * @param current the settings now
     * @param flags the flags given at start
     * @param file the file as read now
     * @return the new settings
     * @throws IllegalArgumentException if a value is refused (then nothing changes)
     */
    public static DaemonSettings reload(DaemonSettings current, FileSettings flags, FileSettings file) {
        return validate(new DaemonSettings(
                file.bool(ConfigKey.DEBUG).orElse(current.debug()),
                file.string(ConfigKey.LOG_LEVEL).orElse(current.logLevel()),
                file.strings(ConfigKey.LABELS).orElse(current.labels()),
                file.strings(ConfigKey.INSECURE_REGISTRIES).orElse(current.insecureRegistries()),
                mirrors(file.strings(ConfigKey.REGISTRY_MIRRORS).orElse(current.registryMirrors())),
                file.integer(ConfigKey.MAX_CONCURRENT_DOWNLOADS).or(() -> flags.integer(ConfigKey.MAX_CONCURRENT_DOWNLOADS))
                        .orElse(DaemonSettings.DEFAULT_MAX_CONCURRENT_DOWNLOADS),
                file.integer(ConfigKey.MAX_CONCURRENT_UPLOADS).or(() -> flags.integer(ConfigKey.MAX_CONCURRENT_UPLOADS))
                        .orElse(DaemonSettings.DEFAULT_MAX_CONCURRENT_UPLOADS),
                current.liveRestore(), current.defaultRuntime(), current.features(), current.logDriver(),
                current.logOpts(), current.metricsAddr(), current.maxLayerSize(), current.defaultUlimits()));
    }

    /**
     * @param s settings
     * @return {@code s}
     * @throws IllegalArgumentException with dockerd's text for the first value it refuses, or berth's for a value
     *     berth cannot honour (a runtime other than runc; the log driver is checked by the engine, as with the flag)
     */
    static DaemonSettings validate(DaemonSettings s) {
        if (!s.maxLayerSize().isEmpty()) {
            try {
                io.berth.common.settings.ByteSize.parse(s.maxLayerSize());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid max-layer-size: " + e.getMessage(), e);
            }
        }
        if (!LEVELS.contains(s.logLevel())) {
            throw new IllegalArgumentException("unable to parse logging level: " + s.logLevel());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : s.labels()) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad attribute format: " + l);
            }
            String k = l.substring(0, eq);
            String v = l.substring(eq + 1);
            if (labels.containsKey(k) && !labels.get(k).equals(v)) {
                throw new IllegalArgumentException("conflict labels for " + k + "=" + labels.get(k) + " and " + k + "="
                        + v);
            }
            labels.put(k, v);
        }
        for (String r : s.insecureRegistries()) {
            if (r.contains("://")) {
                throw new IllegalArgumentException("insecure registry " + r + " should not contain '://'");
            }
        }
        if (s.maxConcurrentDownloads() < 0) {
            throw new IllegalArgumentException("invalid max concurrent downloads: " + s.maxConcurrentDownloads());
        }
        if (s.maxConcurrentUploads() < 0) {
            throw new IllegalArgumentException("invalid max concurrent uploads: " + s.maxConcurrentUploads());
        }
        for (Map.Entry<String, DaemonSettings.Ulimit> e : s.defaultUlimits().entrySet()) {
            ulimit(e.getKey(), e.getValue());
        }
        if (!s.defaultRuntime().equals("runc")) {
            throw new IllegalArgumentException("specified default runtime '" + s.defaultRuntime()
                    + "' does not exist");
        }
        return s;
    }

    /** The names go-units' {@code ParseUlimit} knows (ulimit.go {@code ulimitNameMapping}). */
    private static final Set<String> ULIMIT_NAMES = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    /**
     * A default ulimit as go-units' {@code ParseUlimit} checks the flag's (dockerd 20.10 checks the file's only
     * when a container starts with it; berth refuses it at start, before any container has it).
     */
    private static void ulimit(String key, DaemonSettings.Ulimit u) {
        String name = u.name() == null || u.name().isEmpty() ? key : u.name();
        if (!ULIMIT_NAMES.contains(name) || !name.equals(key)) {
            throw new IllegalArgumentException("invalid ulimit type: " + name);
        }
        if (u.soft() > u.hard() && u.hard() != -1) {
            throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                    + u.soft() + " > " + u.hard());
        }
    }

    /**
     * dockerd's {@code ValidateMirror}: an http or https URL without path, query or user info, given back with a
     * trailing "/".
     */
    private static List<String> mirrors(List<String> in) {
        List<String> out = new ArrayList<>();
        for (String m : in) {
            java.net.URI u;
            try {
                u = new java.net.URI(m);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("invalid mirror: \"" + m + "\" is not a valid URI");
            }
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("invalid mirror: unsupported scheme \"" + u.getScheme()
                        + "\" in \"" + m + "\"");
            }
            if ((u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("invalid mirror: path, query or user info is not allowed in \""
                        + m + "\"");
            }
            out.add(u.getScheme() + "://" + u.getRawAuthority() + "/");
        }
        return out;
    }

    private static Map<String, Boolean> bools(Map<String, String> m) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Boolean.parseBoolean(v)));
        return out;
    }
}
