package io.berth.engine.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.fs.PrivateDirs;
import io.berth.common.json.Json;
import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Persists container records as {@code <data-root>/containers/<id>/config.v2.json} (written atomically and
 * durably: common's {@link AtomicFiles}), next to the container's json-file log and hostname/hosts/resolv.conf.
 * Config and HostConfig are written with Docker's names by {@link ProtoJson}.
 */
@Singleton
public final class ContainerRecordFiles {
    private static final Logger LOG = LogManager.getLogger(ContainerRecordFiles.class);
    /** File name of the record, as dockerd's. */
    public static final String RECORD_FILE = "config.v2.json";
    /** Name of the file that marks a removal in progress ({@link #markRemoving}). */
    public static final String REMOVING_FILE = "removal-in-progress";

    private static final ObjectMapper MAPPER = Json.MAPPER.copy().registerModule(ProtoJson.module());

    private final EngineConfig config;

    /** @param config the engine's paths */
    @Inject
    public ContainerRecordFiles(EngineConfig config) {
        this.config = config;
    }

    /**
     * Writes a record (creating the container's directory).
     *
     * @param r the record
     * @throws UncheckedIOException if it cannot be written (the previous version is then intact)
     */
    public void save(ContainerRecord r) {
        Path dir = config.containerDir(r.id());
        try {
            PrivateDirs.create(dir);
            AtomicFiles.writePrivate(dir.resolve(RECORD_FILE), MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save container " + r.id(), e);
        }
    }

    /**
     * Reads every record; unreadable ones are logged and skipped.
     *
     * @return the records found
     */
    public List<ContainerRecord> loadAll() {
        List<ContainerRecord> out = new ArrayList<>();
        Path root = config.containersDir();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                Path f = dir.resolve(RECORD_FILE);
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                try {
                    out.add(MAPPER.readValue(f.toFile(), ContainerRecord.class));
                } catch (IOException e) {
                    LOG.error("skipping unreadable container record {}: {}", f, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return out;
    }

    /**
     * Marks the container as being removed, durably, before the removal touches anything (its snapshot,
     * bundle, files): a removal cut short by a crash is finished by the next engine's start instead of leaving
     * a record whose snapshot is half gone.
     *
     * @param id the container ID
     * @throws UncheckedIOException if the mark cannot be written (nothing was removed then)
     */
    public void markRemoving(String id) {
        try {
            AtomicFiles.write(config.containerDir(id).resolve(REMOVING_FILE), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark container " + id + " for removal", e);
        }
    }

    /**
     * @param id the container ID
     * @return true if a removal of it was begun ({@link #markRemoving}) and not finished
     */
    public boolean isMarkedRemoving(String id) {
        return Files.exists(config.containerDir(id).resolve(REMOVING_FILE));
    }

    /**
     * Deletes the container's directory: record, json-file log, hostname, hosts, resolv.conf.
     *
     * @param id the container ID
     * @throws UncheckedIOException if it cannot be deleted
     */
    public void delete(String id) {
        try {
            // The record goes first: a crash halfway leaves no record pointing at missing files.
            Files.deleteIfExists(config.containerDir(id).resolve(RECORD_FILE));
            AtomicFiles.deleteTree(config.containerDir(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the files of container " + id, e);
        }
    }
}
