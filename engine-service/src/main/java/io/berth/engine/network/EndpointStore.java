package io.berth.engine.network;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The endpoint records of containers: {@code <data-root>/network/endpoints/<container-id>.json}, a JSON array of
 * {@link Attachment}s in attach order, written atomically (mode 0600). An entry is written before its CNI ADD and
 * the file is deleted after the last CNI DEL, so whatever a killed engine attached can be detached by the next one
 * from this file alone (the IPAM leases live in the data root too, so a reboot still finds them).
 */
@Singleton
public class EndpointStore {
    private static final Logger LOG = LogManager.getLogger(EndpointStore.class);
    private static final TypeReference<List<Attachment>> LIST = new TypeReference<>() {
    };

    private final Path dir;

    /** @param config the data root */
    @Inject
    public EndpointStore(EngineConfig config) {
        this(config.dataRoot().resolve("network").resolve("endpoints"));
    }

    /** @param dir the directory of the records */
    public EndpointStore(Path dir) {
        this.dir = dir;
    }

    /**
     * @param containerId the container
     * @return its attachments, empty if it has no record (or an unreadable one, logged)
     */
    public List<Attachment> load(String containerId) {
        try {
            return new ArrayList<>(Json.MAPPER.readValue(Files.readAllBytes(file(containerId)), LIST));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            LOG.warn("cannot read the endpoint record of {}: {}", containerId, e.getMessage());
            return new ArrayList<>();
        }
    }

    /**
     * Replaces the container's record; an empty list deletes it.
     *
     * @param containerId the container
     * @param attachments its attachments
     * @throws InternalException if it cannot be written
     */
    public void save(String containerId, List<Attachment> attachments) {
        try {
            if (attachments.isEmpty()) {
                Files.deleteIfExists(file(containerId));
                return;
            }
            Files.createDirectories(dir);
            AtomicFiles.writePrivate(file(containerId), Json.MAPPER.writeValueAsBytes(attachments));
        } catch (IOException e) {
            throw new InternalException("cannot write the endpoint record of " + containerId + ": " + e.getMessage());
        }
    }

    /**
     * Deletes the temporary files of record writes a kill cut short ({@link AtomicFiles#deleteTemporaryFiles});
     * failures are logged.
     */
    public void deleteTemporaryFiles() {
        try {
            int n = AtomicFiles.deleteTemporaryFiles(dir);
            if (n > 0) {
                LOG.info("deleted {} temporary endpoint record file(s) of writes cut short", n);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary files in {}: {}", dir, e.getMessage());
        }
    }

    /** @return the IDs of the containers with a record */
    public List<String> containerIds() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> out.add(n.substring(0, n.length() - ".json".length())));
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.getMessage());
        }
        return out;
    }

    private Path file(String containerId) {
        return dir.resolve(containerId + ".json");
    }
}
