package io.berth.engine.service;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.errors.NotImplementedException;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.berth.common.cgroup.CgroupProbe;
import io.berth.common.cgroup.CgroupSupport;
import io.berth.common.image.ImageConfig;
import io.berth.engine.client.ContainerEvents;
import io.berth.engine.client.ImageResolver;
import io.berth.engine.client.PreparedSnapshot;
import io.berth.engine.client.ResolvedImage;
import io.berth.engine.client.SnapshotClient;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.config.LogDefaults;
import io.berth.engine.container.ConfigMerger;
import io.berth.engine.container.Container;
import io.berth.engine.container.ContainerIds;
import io.berth.engine.container.ContainerNames;
import io.berth.engine.container.ContainerRecord;
import io.berth.engine.container.ContainerRecordFiles;
import io.berth.engine.container.ContainerState;
import io.berth.engine.container.ContainerStore;
import io.berth.common.logs.LogOptions;
import io.berth.engine.health.Healthchecks;
import io.berth.engine.network.ports.PublishedPorts;
import io.berth.engine.network.EndpointSettings;
import io.berth.engine.network.NetworkService;
import io.berth.engine.volume.ContainerVolumes;
import io.berth.engine.volume.VolumeService;
import io.berth.proto.engine.v1.HostConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Creates containers (Docker's {@code POST /containers/create}, Engine API 1.41): validates or generates
 * the name, resolves the image through the storage service, merges the configs, prepares the container's
 * snapshot ({@code key=<id>, parent=<top chain ID>}), resolves its volumes ({@link ContainerVolumes}: named
 * ones created if missing, anonymous ones created, new ones filled from the image), persists the record in
 * state "created" and publishes {@code create}. On failure nothing is left behind (name, snapshot, files,
 * the volumes it created).
 */
@Singleton
public final class ContainerCreator {
    private static final Logger LOG = LogManager.getLogger(ContainerCreator.class);

    private final EngineConfig config;
    private final ContainerStore store;
    private final ContainerRecordFiles files;
    private final ImageResolver images;
    private final SnapshotClient snapshots;
    private final ContainerEvents events;
    private final Clock clock;
    /** The host's cgroup controls, measured once (as dockerd's sysinfo at its start). */
    private final Supplier<CgroupSupport> cgroups =
            Suppliers.memoize(() -> new CgroupProbe(Path.of("/")).measure());
    private final ContainerVolumes containerVolumes;
    private final VolumeService volumes;
    private final LogDefaults logDefaults;
    private final NetworkService networks;
    private final io.berth.engine.network.LegacyLinks links;

    /**
     * @param config paths
     * @param store the container index
     * @param files record persistence
     * @param images the storage service's images
     * @param snapshots the storage service's snapshots
     * @param events event publishing
     * @param clock the time source
     * @param containerVolumes the volumes of a new container
     * @param volumes the volumes (references of a create in progress)
     * @param logDefaults the daemon's default log driver and options
     * @param networks the networks (a user-network NetworkMode and the EndpointsConfig are checked and kept)
     * @param links the legacy links (--link: the linked containers must exist)
     */
    @Inject
    public ContainerCreator(EngineConfig config, ContainerStore store, ContainerRecordFiles files,
                            ImageResolver images, SnapshotClient snapshots, ContainerEvents events, Clock clock,
                            ContainerVolumes containerVolumes, VolumeService volumes,
                            LogDefaults logDefaults, NetworkService networks,
                            io.berth.engine.network.LegacyLinks links) {
        this.networks = networks;
        this.links = links;
        this.logDefaults = logDefaults;
        this.containerVolumes = containerVolumes;
        this.volumes = volumes;
        this.config = config;
        this.store = store;
        this.files = files;
        this.images = images;
        this.snapshots = snapshots;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param req the request
     * @return the new container's record
     * @throws NotFoundException "No such image: <ref>"
     * @throws AlreadyExistsException Docker's name conflict text
     * @throws InvalidArgumentException bad name, "No command specified", bad working dir
     * @throws NotImplementedException for the HostConfig values {@link HostConfigValidator} refuses
     */
    public ContainerRecord create(CreateRequest req) {
        return create(req, new ArrayList<>());
    }

    /**
     * @param req the request
     * @param warnings receives dockerd's warnings for limits the host cannot apply (Docker's create
     *     {@code Warnings}; the value is then discarded, as dockerd discards it)
     * @return the new container's record
     * @throws NotFoundException "No such image: <ref>"
     * @throws AlreadyExistsException Docker's name conflict text
     * @throws InvalidArgumentException bad name, "No command specified", bad working dir, bad options
     * @throws NotImplementedException for the HostConfig values {@link HostConfigValidator} refuses
     */
    public ContainerRecord create(CreateRequest req, List<String> warnings) {
        if (req.config().getImage().isEmpty()) {
            throw new InvalidArgumentException("Config.Image must be specified");
        }
        HostConfig hc = DefaultUlimits.merge(withLogDefaults(req.hostConfig()),
                io.berth.common.settings.SettingsReload.current().defaultUlimits());
        HostConfigValidator.validate(hc);
        PublishedPorts.check(req.config(), hc, warnings);
        if (req.config() != null) {
            Healthchecks.validate(req.config().getHealthcheck());
        }
        if (req.hostConfig() != null && "host".equals(req.hostConfig().getUtsMode())
                && !req.config().getHostname().isEmpty()) {
            throw new InvalidArgumentException("conflicting options: hostname and the UTS mode");
        }
        if (hc.getNetworkMode().startsWith("container:") && !req.config().getHostname().isEmpty()) {
            throw new InvalidArgumentException("conflicting options: hostname and the network mode");
        }
        macAddress(hc, req.config().getMacAddress());
        List<EndpointSettings> endpoints = networks.checkCreate(hc.getNetworkMode(), req.endpointsConfig());
        links.check(hc);
        HostConfig hostConfig = ResourceSupport.adapt(hc, cgroups.get(), warnings);
        String id = newId();
        String name = reserveName(req.name(), id);
        try {
            ResolvedImage image = images.resolve(req.config().getImage());
            ConfigMerger.Merged merged = ConfigMerger.mergeWithHostname(req.config(),
                    imageConfig(image), defaultHostname(hc, id));
            PreparedSnapshot snap = snapshots.prepare(id, image.topChainId());
            ContainerRecord r;
            List<String> createdVolumes = List.of();
            try {
                ContainerVolumes.Resolved vols = containerVolumes.resolve(id, hostConfig, merged.config(),
                        snap.mounts());
                createdVolumes = vols.created();
                r = record(id, name, hostConfig, merged, image, snap).withMountPoints(vols.points());
                files.save(r);
                networks.created(id, endpoints);
            } catch (RuntimeException e) {
                volumes.abort(id, createdVolumes);
                removeSnapshotQuietly(id);
                files.delete(id);
                throw e;
            }
            store.add(new Container(r));
            volumes.commit(id);
            events.publish(r, "create");
            LOG.info("created container {} ({})", id, name);
            return r;
        } catch (RuntimeException e) {
            store.releaseName(name, id);
            throw e;
        }
    }

    /**
     * dockerd's checks of Config.MacAddress (runconfig {@code validateNetContainerMode}: not with host or
     * container:&lt;x&gt;; the daemon's {@code net.ParseMAC} of a 48-bit address).
     *
     * @param hc the host config
     * @param mac the requested MAC address, "" for none
     * @throws InvalidArgumentException "conflicting options: mac-address and the network mode", "invalid MAC
     *     address: x"
     */
    static void macAddress(HostConfig hc, String mac) {
        if (mac.isEmpty()) {
            return;
        }
        if ("host".equals(hc.getNetworkMode()) || hc.getNetworkMode().startsWith("container:")) {
            throw new InvalidArgumentException("conflicting options: mac-address and the network mode");
        }
        if (!mac.matches("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}")) {
            throw new InvalidArgumentException("invalid MAC address: " + mac);
        }
    }

    /**
     * dockerd's default hostname: the host's for NetworkMode "host", else the short ID.
     */
    private static String defaultHostname(HostConfig hc, String id) {
        if (hc != null && ("host".equals(hc.getNetworkMode()) || "host".equals(hc.getUtsMode()))) {
            try {
                return String.join("", Files.readAllLines(Path.of("/proc/sys/kernel/hostname"))).trim();
            } catch (IOException e) {
                LOG.warn("cannot read the host's hostname: {}", e.getMessage());
            }
        }
        return ContainerIds.shortId(id);
    }

    private String newId() {
        String id;
        do {
            id = ContainerIds.generate();
        } while (store.containsId(id));
        return id;
    }

    private String reserveName(String requested, String id) {
        if (requested != null && !requested.isEmpty()) {
            String name = ContainerNames.normalize(requested);
            store.reserveName(name, id);
            return name;
        }
        for (int attempt = 0; ; attempt++) {
            String name = ContainerNames.generate(attempt);
            try {
                store.reserveName(name, id);
                return name;
            } catch (AlreadyExistsException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    /**
     * The daemon's log defaults applied as dockerd's {@code mergeAndVerifyLogConfig}: an empty driver is the
     * default driver, and with the default driver the default options fill the keys left unset.
     */
    private HostConfig withLogDefaults(HostConfig requested) {
        HostConfig hc = requested == null ? ContainerRecord.DEFAULT_HOST_CONFIG : requested;
        String driver = hc.getLogDriver().isEmpty() ? logDefaults.driver() : hc.getLogDriver();
        HostConfig.Builder b = hc.toBuilder().setLogDriver(driver);
        if (driver.equals(logDefaults.driver())) {
            logDefaults.options().forEach((k, v) -> {
                if (!hc.containsLogOptions(k)) {
                    b.putLogOptions(k, v);
                }
            });
        }
        return b.build();
    }

    private ContainerRecord record(String id, String name, HostConfig hc, ConfigMerger.Merged merged,
                                   ResolvedImage image, PreparedSnapshot snap) {
        Path dir = config.containerDir(id);
        return new ContainerRecord(id, name, clock.instant(), merged.path(), merged.args(), merged.config(),
                hc, ContainerState.created(), image.id(), image.driver(),
                graphDriverData(id, snap.driverData()), snap.mounts(), LogOptions.of(hc).readable() ? dir.resolve(id + "-k8s.log").toString() : "",
                dir.resolve("hostname").toString(), dir.resolve("hosts").toString(),
                dir.resolve("resolv.conf").toString(), 0, "linux", List.of());
    }

    /**
     * Inspect's GraphDriver.Data as dockerd's overlay2 shows it: storage's LowerDir, UpperDir and WorkDir, and
     * as MergedDir the directory the container's root filesystem is mounted on while it runs (dockerd's
     * {@code <id>/merged}; berth mounts it on the bundle's {@code rootfs}).
     */
    private Map<String, String> graphDriverData(String id, Map<String, String> fromStorage) {
        if (!fromStorage.containsKey("MergedDir")) {
            return fromStorage;
        }
        Map<String, String> data = new java.util.LinkedHashMap<>(fromStorage);
        data.put("MergedDir", config.bundle(id).rootfs().toString());
        return data;
    }

    private void removeSnapshotQuietly(String id) {
        try {
            snapshots.remove(id);
        } catch (RuntimeException e) {
            LOG.warn("cannot remove snapshot {} after a failed create: {}", id, e.getMessage());
        }
    }

    /** The image's config blob comes from storage, which checked it at load: a bad one is berth's fault. */
    private static ImageConfig imageConfig(ResolvedImage image) {
        try {
            return ImageConfig.parse(image.configJson());
        } catch (InvalidArgumentException e) {
            throw new InternalException(e.getMessage(), e);
        }
    }
}
