package io.berth.engine.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.json.Json;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerStore;
import io.berth.engine.runtime.LinuxResources;
import io.berth.engine.runtime.RuncClient;
import io.berth.proto.engine.v1.HostConfig;
import io.berth.proto.engine.v1.UpdateContainerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Changes a container's resources and restart policy (Docker's {@code POST /containers/{id}/update}, Engine
 * API 1.41; moby daemon/update.go): checks ({@link UpdateChecks}), merges into the HostConfig, and for a
 * running (or paused) container writes the new limits into its cgroup at once with {@code runc update
 * --resources} (the OCI {@code linux.resources} object, without devices), then saves config.v2.json and
 * publishes {@code update}. If runc refuses (the kernel's EBUSY for a memory limit below the current usage:
 * runc's "unable to set memory limit to N (current usage: ...)"), nothing is saved: 409 "Cannot update
 * container &lt;id&gt;: &lt;runc's message&gt;" (dockerd answers 500 there).
 *
 * <p>Warnings as dockerd: a BlkioWeight the host cannot apply (no {@code blkio.weight} file, as on kernels
 * without CFQ/BFQ) is discarded with dockerd's warning.
 */
@Singleton
public final class ContainerUpdater {
    private static final Logger LOG = LogManager.getLogger(ContainerUpdater.class);
    static final String BLKIO_WEIGHT_WARNING =
            "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.";

    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final RuncClient runc;
    private final ContainerEvents events;
    private final EngineConfig config;

    /**
     * @param store the container index
     * @param files record persistence
     * @param runc runc
     * @param events event publishing
     * @param config paths (the bundle, for the resources file)
     */
    @Inject
    public ContainerUpdater(ContainerStore store, ContainerRecordFiles files, RuncClient runc, ContainerEvents events,
                            EngineConfig config) {
        this.store = store;
        this.files = files;
        this.runc = runc;
        this.events = events;
        this.config = config;
    }

    /**
     * @param u the update (zero values leave settings as they are)
     * @return dockerd's warnings
     * @throws NotFoundException "No such container: &lt;ref&gt;"
     * @throws InvalidArgumentException for a value dockerd refuses
     * @throws ConflictException "Cannot update container &lt;id&gt;: ..." for conflicting options, a removal in
     *     progress, or a limit the kernel refuses
     */
    public List<String> update(UpdateContainerRequest u) {
        List<String> warnings = new ArrayList<>();
        UpdateContainerRequest req = u;
        if (u.getBlkioWeight() > 0 && !blkioWeightSupported()) {
            warnings.add(BLKIO_WEIGHT_WARNING);
            req = u.toBuilder().setBlkioWeight(0).build();
        }
        UpdateChecks.validate(req, Runtime.getRuntime().availableProcessors());
        Container c = store.get(u.getId());
        c.lock().lock();
        try {
            if (c.isRemoving()) {
                throw cannot(c, "container is marked for removal and cannot be \"update\"");
            }
            HostConfig merged;
            try {
                merged = UpdateChecks.merge(c.record().hostConfig(), req);
            } catch (ConflictException e) {
                throw cannot(c, e.getMessage());
            }
            if (c.record().state().isRunning()) {
                apply(c, merged, req);
            }
            ContainerRecord r = c.update(x -> x.withHostConfig(merged));
            files.save(r);
            LOG.info("updated container {}", c.id());
        } finally {
            c.lock().unlock();
        }
        events.publish(c.record(), "update");
        return warnings;
    }

    private void apply(Container c, HostConfig hc, UpdateContainerRequest u) {
        ObjectNode res = resources(hc, u);
        Path file = config.bundle(c.id()).dir().resolve("update-resources.json");
        try {
            Files.writeString(file, Json.MAPPER.writeValueAsString(res));
            runc.update(c.id(), file);
        } catch (IOException e) {
            throw new InternalException("cannot write the resources of " + c.id() + ": " + e.getMessage(), e);
        } catch (InternalException e) {
            String m = e.getMessage().replaceFirst("^runc update failed: ", "");
            throw cannot(c, m);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", file, e.toString());
            }
        }
    }

    /**
     * @param hc the merged host config
     * @param u the update (pids: an explicit 0 or -1 is "max")
     * @return runc update's {@code --resources} object
     */
    static ObjectNode resources(HostConfig hc, UpdateContainerRequest u) {
        ObjectNode res = LinuxResources.of(hc);
        res.remove("devices");
        ObjectNode memory = res.has("memory") ? (ObjectNode) res.get("memory") : res.putObject("memory");
        if (hc.getMemorySwap() != 0 && !memory.has("swap")) {
            memory.put("swap", hc.getMemorySwap());
        }
        if (hc.getMemoryReservation() > 0 && !memory.has("reservation")) {
            memory.put("reservation", hc.getMemoryReservation());
        }
        if (memory.isEmpty()) {
            res.remove("memory");
        }
        if (hc.getBlkioWeight() > 0 && !res.has("blockIO")) {
            res.putObject("blockIO").put("weight", hc.getBlkioWeight());
        }
        if (u.hasPidsLimit() && u.getPidsLimit() <= 0) {
            res.putObject("pids").put("limit", -1);
        }
        return res;
    }

    private static boolean blkioWeightSupported() {
        return Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
                || Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight"))
                || Files.exists(Path.of("/sys/fs/cgroup/io.bfq.weight"));
    }

    private static ConflictException cannot(Container c, String why) {
        return new ConflictException("Cannot update container " + c.id() + ": " + why);
    }
}
