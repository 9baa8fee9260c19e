package io.berth.engine.runtime;

import io.berth.engine.config.Bundle;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.container.ContainerRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Prepares a container's OCI bundle ({@code <exec-root>/containers/<id>}) for a run, as runc expects it
 * (OCI runtime spec, bundle.md): clears the previous run's files, mounts the snapshot on {@code rootfs},
 * writes the container's /etc files (hostname, hosts, resolv.conf: {@link EtcFiles}), creates missing
 * bind sources and the working directory, resolves the process user in the image's /etc/passwd and
 * writes the runtime spec {@code config.json} ({@link RuntimeSpecBuilder}).
 */
@Singleton
public final class BundleWriter {
    private final EngineConfig config;
    private final RootfsMounter mounter;
    private final RuntimeSpecBuilder specs;

    /**
     * @param config the exec root
     * @param mounter rootfs mounts
     * @param specs the runtime spec
     */
    @Inject
    public BundleWriter(EngineConfig config, RootfsMounter mounter, RuntimeSpecBuilder specs) {
        this.config = config;
        this.mounter = mounter;
        this.specs = specs;
    }

    /**
     * @param r the container about to start
     * @return its bundle, ready for {@code runc create}
     * @throws UncheckedIOException if a file cannot be written ("cannot prepare the bundle of ...")
     * @throws io.berth.common.errors.InvalidArgumentException for a user the image does not know
     */
    public Bundle write(ContainerRecord r) {
        return write(r, NamespaceJoins.NONE);
    }

    /**
     * @param r the container about to start
     * @param joins the namespaces of other containers it joins (PidMode/IpcMode "container:&lt;x&gt;")
     * @return its bundle, ready for {@code runc create}
     * @throws UncheckedIOException if a file cannot be written ("cannot prepare the bundle of ...")
     * @throws io.berth.common.errors.InvalidArgumentException for a user or group the image does not know
     */
    public Bundle write(ContainerRecord r, NamespaceJoins joins) {
        return write(r, joins, java.util.List.of());
    }

    /**
     * @param r the container about to start
     * @param joins the namespaces it joins (its own network namespace file included)
     * @param addresses its own IP addresses on its networks (each gets a line in its /etc/hosts), empty for none
     * @return its bundle, ready for {@code runc create}
     * @throws UncheckedIOException if a file cannot be written ("cannot prepare the bundle of ...")
     * @throws io.berth.common.errors.InvalidArgumentException for a user or group the image does not know
     */
    public Bundle write(ContainerRecord r, NamespaceJoins joins, java.util.List<String> addresses) {
        Bundle b = config.bundle(r.id());
        try {
            b.prepareForRun();
            mounter.mount(r.rootfsMounts(), b.rootfs());
            if (r.hostConfig().getIpcMode().equals("shareable")) {
                mounter.mountShm(b.shm(), r.hostConfig().getShmSize() > 0 ? r.hostConfig().getShmSize()
                        : SpecDefaults.SHM_SIZE);
            }
            EtcFiles.write(r, addresses);
            ContainerMounts.createBindSources(r.hostConfig());
            ExecUser user = UserResolver.withGroups(UserResolver.resolve(b.rootfs(), r.config().getUser()),
                    b.rootfs(), r.hostConfig().getGroupAddList());
            String workingDir = r.config().getWorkingDir();
            if (!workingDir.isEmpty()) {
                Files.createDirectories(RootfsPaths.resolve(b.rootfs(), workingDir));
            }
            RealtimeCgroups.prepare(specs.cgroupsPath(r.id(), r.hostConfig().getCgroupParent()),
                    r.hostConfig().getCpuRealtimeRuntime(), r.hostConfig().getCpuRealtimePeriod());
            specs.write(r, b, user, joins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the bundle of " + r.id() + ": " + e.getMessage(), e);
        }
        return b;
    }
}
