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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The networks each container is configured for, beyond its NetworkMode's own: {@code
 * <data-root>/containers/<container-id>/networks.json} (in the container's directory, so it goes with the container's
 * files at removal and at a failed create), a JSON array of {@link EndpointSettings} in connect order
 * (the network of a user-network NetworkMode first, from the create's EndpointsConfig; then each {@code docker
 * network connect}). dockerd keeps these in the container's {@code NetworkSettings.Networks}; berth keeps them
 * in a file of their own so the container record stays as it is. Written atomically (mode 0600); a container
 * without a file has only its NetworkMode's network.
 */
@Singleton
public class ContainerNetworkConfigs {
    private static final Logger LOG = LogManager.getLogger(ContainerNetworkConfigs.class);
    private static final TypeReference<List<EndpointSettings>> LIST = new TypeReference<>() {
    };

    /** The file's name in the container's directory. */
    public static final String FILE = "networks.json";

    private final Path dir;

    /** @param config the data root */
    @Inject
    public ContainerNetworkConfigs(EngineConfig config) {
        this(config.containersDir());
    }

    /** @param dir the containers' directories ({@code <data-root>/containers}) */
    public ContainerNetworkConfigs(Path dir) {
        this.dir = dir;
    }

    /**
     * @param containerId the container
     * @return its configured networks, empty if none (an unreadable file is logged and counts as none)
     */
    public synchronized List<EndpointSettings> load(String containerId) {
        try {
            return new ArrayList<>(Json.MAPPER.readValue(Files.readAllBytes(file(containerId)), LIST));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            LOG.warn("cannot read the network config of container {}: {}", containerId, e.getMessage());
            return new ArrayList<>();
        }
    }

    /**
     * Replaces the container's list; an empty list deletes the file.
     *
     * @param containerId the container
     * @param settings its networks
     * @throws InternalException if it cannot be written
     */
    public synchronized void save(String containerId, List<EndpointSettings> settings) {
        try {
            if (settings.isEmpty()) {
                Files.deleteIfExists(file(containerId));
                return;
            }
            Files.createDirectories(file(containerId).getParent());
            AtomicFiles.writePrivate(file(containerId), Json.MAPPER.writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new InternalException("cannot write the network config of container " + containerId + ": "
                    + e.getMessage());
        }
    }

    private Path file(String containerId) {
        if (!containerId.matches("[0-9a-f]{64}")) {
            throw new InternalException("not a container ID: " + containerId);
        }
        return dir.resolve(containerId).resolve(FILE);
    }
}
