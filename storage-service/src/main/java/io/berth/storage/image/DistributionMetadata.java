package io.berth.storage.image;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.storage.StorageLayout;
import io.berth.storage.content.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What berth knows about layers on registries (dockerd's {@code distribution/metadata} v2metadata): for each
 * diff ID, the compressed blob digests it was pulled as or pushed as, and the repositories
 * ({@code domain/path}) that have each. Push uses it to skip a layer the target repository has ("Layer already
 * exists") or to mount it from another repository of the same registry, and to push the same compressed
 * bytes again. Kept in {@link StorageLayout#distributionMetadata()}, rewritten atomically; it is only a hint
 * (every use is checked against the registry), so a lost or stale file costs a re-upload, nothing more.
 */
@Singleton
final class DistributionMetadata {
    private static final Logger LOG = LogManager.getLogger(DistributionMetadata.class);
    /** Repositories remembered per blob. */
    private static final int MAX_REPOS = 16;

    /**
     * A compressed blob of a layer and where it is.
     *
     * @param digest the compressed blob's digest
     * @param size its size in bytes
     * @param repositories {@code domain/path} of repositories that have it, newest last
     */
    record Blob(Digest digest, long size, List<String> repositories) {
    }

    private final Path file;
    private final Map<String, List<Blob>> byDiffId;

    /** @param layout where the file is */
    @Inject
    DistributionMetadata(StorageLayout layout) {
        this.file = layout.distributionMetadata();
        this.byDiffId = read(file);
    }

    private static Map<String, List<Blob>> read(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, List<Blob>>>() { }));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return new LinkedHashMap<>();
        }
    }

    /**
     * @param diffId a layer
     * @return its known compressed blobs
     */
    synchronized List<Blob> blobs(Digest diffId) {
        return List.copyOf(byDiffId.getOrDefault(diffId.toString(), List.of()));
    }

    /**
     * @param diffId a layer
     * @param digest the compressed blob
     * @return the blob's record, if known
     */
    synchronized Optional<Blob> blob(Digest diffId, Digest digest) {
        return byDiffId.getOrDefault(diffId.toString(), List.of()).stream()
                .filter(b -> b.digest().equals(digest)).findFirst();
    }

    /**
     * Remembers that {@code repository} has the blob {@code digest} of layer {@code diffId}.
     *
     * @param diffId the layer
     * @param digest the compressed blob
     * @param size its size in bytes
     * @param repository {@code domain/path}
     */
    synchronized void add(Digest diffId, Digest digest, long size, String repository) {
        List<Blob> list = new ArrayList<>(byDiffId.getOrDefault(diffId.toString(), List.of()));
        Blob old = list.stream().filter(b -> b.digest().equals(digest)).findFirst().orElse(null);
        List<String> repos = new ArrayList<>(old == null ? List.of() : old.repositories());
        repos.remove(repository);
        repos.add(repository);
        while (repos.size() > MAX_REPOS) {
            repos.remove(0);
        }
        list.remove(old);
        list.add(new Blob(digest, size, repos));
        byDiffId.put(diffId.toString(), List.copyOf(list));
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(byDiffId));
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.getMessage());
        }
    }
}
