package io.berth.engine.volume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.errors.ConflictException;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The local volumes on disk, as dockerd lays them out: {@code <data-root>/volumes/<name>/_data} is the
 * volume's data (its Mountpoint), {@code <data-root>/volumes/<name>/volume.json} its {@link VolumeRecord}
 * (berth's; dockerd keeps a bolt database), written atomically and durably after {@code _data} exists, so a
 * crash leaves either no volume or a complete one. A directory with {@code _data} but no readable record (a
 * crash before the record, or a volume copied in by hand) is adopted as a plain local volume, as dockerd's
 * local driver adopts every directory it finds. Removal renames the directory to {@code .deleting-<name>} first
 * (atomic), then deletes it; leftovers of a crash there are deleted at the next load. Never deletes through
 * a mounted {@code _data} (a bind-option volume's data belongs to the host).
 */
@Singleton
public class VolumeStore {
    private static final Logger LOG = LogManager.getLogger(VolumeStore.class);
    /** File name of a volume's record. */
    static final String RECORD = "volume.json";
    private static final String DELETING = ".deleting-";
    private static final ObjectMapper MAPPER = Json.MAPPER;
    /** dockerd's CreatedAt: RFC 3339 to the second, with the host's offset. */
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final EngineConfig config;
    private final LocalMounts mounts;
    private final Map<String, VolumeRecord> volumes = new TreeMap<>();

    /**
     * @param config the data root
     * @param mounts mountinfo (never delete through a mount)
     */
    @Inject
    public VolumeStore(EngineConfig config, LocalMounts mounts) {
        this.config = config;
        this.mounts = mounts;
    }

    /**
     * Reads every volume (at engine start); deletes what an interrupted removal left.
     *
     * @return the number of volumes
     * @throws UncheckedIOException if the volumes directory cannot be created or listed
     */
    public synchronized int load() {
        Path root = config.volumesDir();
        try {
            Files.createDirectories(root);
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path dir : dirs) {
                    String name = dir.getFileName().toString();
                    if (name.startsWith(DELETING)) {
                        deleteUnmounted(dir);
                    } else if (Files.isDirectory(dir.resolve("_data"))) {
                        volumes.put(name, read(dir, name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the volumes in " + root, e);
        }
        return volumes.size();
    }

    private VolumeRecord read(Path dir, String name) throws IOException {
        try {
            VolumeRecord r = MAPPER.readValue(dir.resolve(RECORD).toFile(), VolumeRecord.class);
            if (name.equals(r.name())) {
                return r;
            }
        } catch (IOException e) {
            LOG.warn("volume {}: no readable {} ({}); adopting it as a plain local volume", name, RECORD,
                    e.getMessage());
        }
        VolumeRecord adopted = new VolumeRecord(name, VolumeRecord.LOCAL,
                format(Files.getLastModifiedTime(dir).toInstant()), null, null);
        AtomicFiles.write(dir.resolve(RECORD), MAPPER.writeValueAsBytes(adopted));
        return adopted;
    }

    /**
     * @param instant a time
     * @return it as dockerd's CreatedAt
     */
    static String format(Instant instant) {
        return CREATED.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault()));
    }

    /**
     * Creates the volume's directories and record.
     *
     * @param r the new volume
     * @throws ConflictException if the name exists
     * @throws UncheckedIOException if it cannot be written (nothing is left then)
     */
    public synchronized void create(VolumeRecord r) {
        if (volumes.containsKey(r.name())) {
            throw new ConflictException("volume " + r.name() + " already exists");
        }
        Path dir = dir(r.name());
        try {
            Files.createDirectories(config.volumesDir(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx-----x")));
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx-----x")));
            Files.createDirectory(dir.resolve("_data"));
            Files.setPosixFilePermissions(dir.resolve("_data"), PosixFilePermissions.fromString("rwxr-xr-x"));
            AtomicFiles.write(dir.resolve(RECORD), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(r));
        } catch (IOException e) {
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException e2) {
                LOG.warn("cannot remove the half-created volume {}: {}", dir, e2.getMessage());
            }
            throw new UncheckedIOException("create " + r.name() + ": " + e.getMessage(), e);
        }
        volumes.put(r.name(), r);
    }

    /**
     * @param name a volume name
     * @return the volume, if it exists
     */
    public synchronized Optional<VolumeRecord> find(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    /** @return every volume, by name */
    public synchronized List<VolumeRecord> all() {
        return new ArrayList<>(volumes.values());
    }

    /**
     * @param name a volume name
     * @return its data directory, {@code <data-root>/volumes/<name>/_data}
     */
    public Path data(String name) {
        return dir(name).resolve("_data");
    }

    private Path dir(String name) {
        return config.volumesDir().resolve(name);
    }

    /**
     * Deletes a volume whose data directory is not mounted (the caller unmounted it).
     *
     * @param name the volume
     * @throws ConflictException if its data directory is still mounted
     * @throws UncheckedIOException if it cannot be renamed away (it is intact then)
     */
    public synchronized void delete(String name) {
        if (mounts.isMounted(data(name))) {
            throw new ConflictException("remove " + name + ": its data directory is still mounted");
        }
        Path trash = config.volumesDir().resolve(DELETING + name);
        if (Files.exists(trash)) {
            deleteUnmounted(trash);
        }
        try {
            AtomicFiles.moveAtomically(dir(name), trash);
        } catch (IOException e) {
            throw new UncheckedIOException("remove " + name + ": " + e.getMessage(), e);
        }
        volumes.remove(name);
        deleteUnmounted(trash);
    }

    private void deleteUnmounted(Path dir) {
        if (mounts.isMounted(dir.resolve("_data"))) {
            LOG.warn("{} is still mounted; not deleting it", dir.resolve("_data"));
            return;
        }
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
