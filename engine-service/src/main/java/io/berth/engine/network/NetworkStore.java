package io.berth.engine.network;

import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The network records on disk: {@code <data-root>/network/networks/<id>.json}, one {@link NetworkRecord} each,
 * written atomically and durably (common's {@code AtomicFiles}: temporary file, fsync, rename, fsync of the
 * directory), so a crash leaves either the old record, the new one, or none; never half a file. A removal deletes
 * the file (the network is gone once it is). Loaded at the engine's start, after which the in-memory map is the
 * truth; every change writes the file first. The predefined {@code host} and {@code none} networks are made at the
 * first load (driver "host" and "null", as dockerd's), so their IDs survive restarts. The first call of any
 * method loads the records if {@link #load} was not called (the engine's start does not need to).
 */
@Singleton
public class NetworkStore {
    private static final Logger LOG = LogManager.getLogger(NetworkStore.class);

    private final Path dir;
    private final Map<String, NetworkRecord> byId = new LinkedHashMap<>();
    private boolean loaded;

    /** @param config the data root */
    @Inject
    public NetworkStore(EngineConfig config) {
        this(config.dataRoot().resolve("network").resolve("networks"));
    }

    /** @param dir the directory of the records */
    public NetworkStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Reads every record (an unreadable one is logged and skipped: a torn write cannot happen, a hand-edited file
     * can); makes the predefined host and none networks if missing.
     *
     * @param now the creation time of predefined networks made now
     * @return the number of networks loaded (predefined ones included)
     * @throws UncheckedIOException if the directory cannot be made or listed
     */
    public synchronized int load(Instant now) {
        byId.clear();
        loaded = true;
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    try {
                        NetworkRecord r = Json.MAPPER.readValue(Files.readAllBytes(f), NetworkRecord.class);
                        byId.put(r.id(), r);
                    } catch (IOException e) {
                        LOG.warn("skipping the unreadable network record {}: {}", f, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the network records in " + dir, e);
        }
        for (String[] p : new String[][] {{"host", "host"}, {"none", "null"}}) {
            if (byId.values().stream().noneMatch(r -> r.name().equals(p[0]) && r.isPredefined())) {
                put(new NetworkRecord(DefaultBridge.randomId(), p[0], now, p[1], false, null, List.of(), "", "",
                        false, false, Map.of(), Map.of()));
            }
        }
        return byId.size();
    }

    /**
     * Writes a new or changed record, then keeps it.
     *
     * @param r the record
     * @throws InternalException if it cannot be written (nothing changed then)
     */
    public synchronized void put(NetworkRecord r) {
        ensureLoaded();
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file(r.id()), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
        } catch (IOException e) {
            throw new InternalException("cannot write the record of network " + r.name() + ": " + e.getMessage());
        }
        byId.put(r.id(), r);
    }

    /**
     * Deletes a record.
     *
     * @param id the network ID
     * @throws InternalException if the file cannot be deleted (the record is kept then)
     */
    public synchronized void remove(String id) {
        ensureLoaded();
        try {
            Files.deleteIfExists(file(id));
            AtomicFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new InternalException("cannot delete the record of network " + id + ": " + e.getMessage());
        }
        byId.remove(id);
    }

    /** @return every record, predefined first (host, none), then by creation time */
    public synchronized List<NetworkRecord> all() {
        ensureLoaded();
        List<NetworkRecord> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing((NetworkRecord r) -> !r.isPredefined())
                .thenComparing(r -> r.isPredefined() ? r.name() : "")
                .thenComparing(NetworkRecord::created));
        return out;
    }

    /**
     * dockerd's lookup order (daemon.FindNetwork): full ID, then exact name, then unique ID prefix.
     *
     * @param ref an ID, a name or an ID prefix
     * @return the network, empty if none or an ambiguous prefix
     */
    public synchronized Optional<NetworkRecord> find(String ref) {
        ensureLoaded();
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        NetworkRecord exact = byId.get(ref);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<NetworkRecord> byName = byId.values().stream().filter(r -> r.name().equals(ref)).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        List<NetworkRecord> prefixed = byId.values().stream().filter(r -> r.id().startsWith(ref)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    private void ensureLoaded() {
        if (!loaded) {
            load(Instant.now());
        }
    }

    private Path file(String id) {
        if (!id.matches("[0-9a-f]{64}")) {
            throw new InternalException("not a network ID: " + id);
        }
        return dir.resolve(id + ".json");
    }
}
