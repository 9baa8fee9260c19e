package io.berth.common.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.Level;

/**
 * The daemon's settings that the services read (the file {@code <exec-root>/daemon-settings.json}, JSON with
 * dockerd's {@code daemon.json} key names). berthd makes it from its flags and {@code daemon.json}; the reloadable
 * ones change on SIGHUP.
 *
 * @param debug {@code debug} / {@code -D}: DEBUG logging, and {@code docker info}'s "Debug Mode" (reloadable)
 * @param logLevel {@code log-level}: debug, info, warn, error or fatal (reloadable; {@code debug} wins)
 * @param labels {@code labels}, "key=value" each, {@code docker info}'s Labels (reloadable)
 * @param insecureRegistries {@code insecure-registries}: CIDRs or host[:port] names (reloadable)
 * @param registryMirrors {@code registry-mirrors}: URLs, each normalised with a trailing "/" (reloadable)
 * @param maxConcurrentDownloads {@code max-concurrent-downloads} (reloadable; default 3)
 * @param maxConcurrentUploads {@code max-concurrent-uploads} (reloadable; default 5)
 * @param liveRestore {@code live-restore} (kept and shown; berth does not keep containers running without it)
 * @param defaultRuntime {@code default-runtime} ("runc")
 * @param features {@code features}, e.g. {"buildkit": true}
 * @param logDriver {@code log-driver} ("json-file")
 * @param logOpts {@code log-opts}
 * @param metricsAddr {@code metrics-addr}, "" if none
 * @param maxLayerSize {@code max-layer-size} (berth's key, {@code --max-layer-size}): the most uncompressed bytes
 *     one stored layer may have as a go-units size ({@link ByteSize}), "" for none; passed to storage-service's
 *     flag at start, not reloaded
 * @param defaultUlimits {@code default-ulimits} / {@code --default-ulimit}: by name, dockerd's JSON shape
 *     {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}; the engine adds each one a new container does
 *     not set itself (moby daemon_unix.go {@code mergeUlimits}, at create); not reloadable (as dockerd)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DaemonSettings(
        @JsonProperty("debug") boolean debug,
        @JsonProperty("log-level") String logLevel,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("insecure-registries") List<String> insecureRegistries,
        @JsonProperty("registry-mirrors") List<String> registryMirrors,
        @JsonProperty("max-concurrent-downloads") int maxConcurrentDownloads,
        @JsonProperty("max-concurrent-uploads") int maxConcurrentUploads,
        @JsonProperty("live-restore") boolean liveRestore,
        @JsonProperty("default-runtime") String defaultRuntime,
        @JsonProperty("features") Map<String, Boolean> features,
        @JsonProperty("log-driver") String logDriver,
        @JsonProperty("log-opts") Map<String, String> logOpts,
        @JsonProperty("metrics-addr") String metricsAddr,
        @JsonProperty("max-layer-size") String maxLayerSize,
        @JsonProperty("default-ulimits") Map<String, Ulimit> defaultUlimits) {
    /** dockerd's default {@code max-concurrent-downloads}. */
    public static final int DEFAULT_MAX_CONCURRENT_DOWNLOADS = 3;
    /** dockerd's default {@code max-concurrent-uploads}. */
    public static final int DEFAULT_MAX_CONCURRENT_UPLOADS = 5;
    /** The settings without flags or file. */
    public static final DaemonSettings DEFAULTS = new DaemonSettings(false, "info", List.of(), List.of(), List.of(),
            DEFAULT_MAX_CONCURRENT_DOWNLOADS, DEFAULT_MAX_CONCURRENT_UPLOADS, false, "runc", Map.of(), "json-file",
            Map.of(), "", "", Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replaces nulls by the defaults and copies the collections. */
    public DaemonSettings {
        logLevel = logLevel == null || logLevel.isEmpty() ? "info" : logLevel;
        labels = labels == null ? List.of() : List.copyOf(labels);
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        registryMirrors = registryMirrors == null ? List.of() : List.copyOf(registryMirrors);
        defaultRuntime = defaultRuntime == null || defaultRuntime.isEmpty() ? "runc" : defaultRuntime;
        features = features == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
        logDriver = logDriver == null || logDriver.isEmpty() ? "json-file" : logDriver;
        logOpts = logOpts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logOpts));
        metricsAddr = metricsAddr == null ? "" : metricsAddr;
        maxLayerSize = maxLayerSize == null ? "" : maxLayerSize.trim();
        defaultUlimits = defaultUlimits == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(defaultUlimits));
    }

    /**
     * One resource limit as Docker's {@code units.Ulimit} (go-units ulimit.go) is written in JSON.
     *
     * @param name the limit without {@code RLIMIT_}, lower case: nofile, nproc, core, ...
     * @param hard the hard limit (-1 = unlimited)
     * @param soft the soft limit (-1 = unlimited)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Hard") long hard,
                         @JsonProperty("Soft") long soft) {
    }

    /** @return the Log4j level these settings ask for: DEBUG with {@code debug}, else {@code log-level}'s */
    public Level level() {
        if (debug) {
            return Level.DEBUG;
        }
        return switch (logLevel) {
            case "debug" -> Level.DEBUG;
            case "warn", "warning" -> Level.WARN;
            case "error" -> Level.ERROR;
            case "fatal", "panic" -> Level.FATAL;
            case "trace" -> Level.TRACE;
            default -> Level.INFO;
        };
    }

    /**
     * @param file a settings file
     * @return its settings
     * @throws IOException if it cannot be read or is not a settings object
     */
    public static DaemonSettings read(Path file) throws IOException {
        return Objects.requireNonNull(JSON.readValue(file.toFile(), DaemonSettings.class), file.toString());
    }

    /**
     * Writes the settings atomically (a temporary file in the same directory, mode 0600, then renamed over).
     *
     * @param file where
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the settings as one JSON line (dockerd logs "Reloaded configuration: {...}") */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param before the previous settings
     * @return each reloadable value that differs, as "key: old -> new", in dockerd's key names
     */
    public List<String> changesFrom(DaemonSettings before) {
        Map<String, Object[]> pairs = new LinkedHashMap<>();
        pairs.put("debug", new Object[] {before.debug, debug});
        pairs.put("log-level", new Object[] {before.logLevel, logLevel});
        pairs.put("labels", new Object[] {before.labels, labels});
        pairs.put("insecure-registries", new Object[] {before.insecureRegistries, insecureRegistries});
        pairs.put("registry-mirrors", new Object[] {before.registryMirrors, registryMirrors});
        pairs.put("max-concurrent-downloads", new Object[] {before.maxConcurrentDownloads, maxConcurrentDownloads});
        pairs.put("max-concurrent-uploads", new Object[] {before.maxConcurrentUploads, maxConcurrentUploads});
        return pairs.entrySet().stream().filter(e -> !Objects.equals(e.getValue()[0], e.getValue()[1]))
                .map(e -> e.getKey() + ": " + e.getValue()[0] + " -> " + e.getValue()[1]).toList();
    }

    /**
     * @return the attributes of dockerd 20.10's daemon {@code reload} event (moby daemon/reload.go and
     *     reload_unix.go; the caller adds "name", the host name), for what berth runs: JSON arrays for the lists
     *     ("[]" when empty), dockerd's values for what berth does not configure
     */
    public Map<String, String> reloadAttributes() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("allow-nondistributable-artifacts", "[]");
        a.put("cluster-advertise", "");
        a.put("cluster-store", "");
        a.put("cluster-store-opts", "{}");
        a.put("debug", Boolean.toString(debug));
        a.put("default-cgroupns-mode", "host");
        a.put("default-ipc-mode", "private");
        a.put("default-runtime", defaultRuntime);
        a.put("default-shm-size", "67108864");
        a.put("features", goMap(features));
        a.put("insecure-registries", jsonList(insecureRegistries));
        a.put("labels", jsonList(labels));
        a.put("live-restore", Boolean.toString(liveRestore));
        a.put("max-concurrent-downloads", Integer.toString(maxConcurrentDownloads));
        a.put("max-concurrent-uploads", Integer.toString(maxConcurrentUploads));
        a.put("max-download-attempts", "5");
        a.put("registry-mirrors", jsonList(registryMirrors));
        a.put("runtimes", "runc");
        a.put("shutdown-timeout", "15");
        return a;
    }

    private static String jsonList(List<String> l) {
        try {
            return JSON.writeValueAsString(l);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's {@code fmt.Sprintf("%v", map[string]bool)}: {@code map[a:true b:false]}, keys sorted. */
    private static String goMap(Map<String, Boolean> m) {
        StringBuilder b = new StringBuilder("map[");
        new java.util.TreeMap<>(m).forEach((k, v) -> b.append(b.length() > 4 ? " " : "").append(k).append(':').append(v));
        return b.append(']').toString();
    }
}
