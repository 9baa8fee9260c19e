package io.berth.engine.network;

import io.berth.common.errors.InternalException;
import io.berth.engine.config.EngineConfig;
import io.berth.engine.runtime.CommandResult;
import io.berth.engine.runtime.CommandRunner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Persistent network namespaces of containers: {@code <exec-root>/netns/<container-id>}, an empty file with
 * the namespace's nsfs bind-mounted on it ({@code unshare --net=<file> true}, util-linux), as
 * {@code ip netns add} does under {@code /run/netns}. The namespace lives as long as the bind mount, independent
 * of any process, so the plumbing can attach it before {@code runc create} and detach it after the container's
 * last process is gone. The runtime spec's {@code linux.namespaces} entry of type {@code network} gets this file
 * as its {@code path} (OCI config-linux.md#namespaces), so runc joins it instead of making one.
 *
 * <p>{@code container:<x>} containers join the other container's file; {@code host} containers have none.
 */
@Singleton
public class NetworkNamespaces {
    private static final Logger LOG = LogManager.getLogger(NetworkNamespaces.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final CommandRunner commands;

    /**
     * @param config the exec root
     * @param commands runs unshare and umount
     */
    @Inject
    public NetworkNamespaces(EngineConfig config, CommandRunner commands) {
        this(config.execRoot().resolve("netns"), commands);
    }

    /**
     * @param dir the directory of the namespace files
     * @param commands runs unshare and umount
     */
    public NetworkNamespaces(Path dir, CommandRunner commands) {
        this.dir = dir;
        this.commands = commands;
    }

    /**
     * @param containerId the container
     * @return {@code <exec-root>/netns/<container-id>} (whether or not it exists)
     */
    public Path path(String containerId) {
        return dir.resolve(containerId);
    }

    /**
     * Creates the container's namespace, or keeps the one already there if it is a mounted namespace (idempotent).
     *
     * @param containerId the container
     * @return the namespace file
     * @throws InternalException if it cannot be made
     */
    public Path create(String containerId) {
        Path file = path(containerId);
        if (isMounted(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new InternalException("cannot create " + file + ": " + e.getMessage());
        }
        CommandResult r = commands.run(List.of("unshare", "--net=" + file, "true"), TIMEOUT);
        if (!r.ok()) {
            deleteQuietly(file);
            throw new InternalException("cannot create the network namespace " + file + ": " + r.stderr().trim());
        }
        return file;
    }

    /**
     * Unmounts and deletes the container's namespace file (idempotent; a missing file is fine). The namespace
     * itself goes with its last user (runc's processes are gone by then).
     *
     * @param containerId the container
     */
    public void remove(String containerId) {
        Path file = path(containerId);
        if (!Files.exists(file)) {
            return;
        }
        if (isMounted(file)) {
            CommandResult r = commands.run(List.of("umount", file.toString()), TIMEOUT);
            if (!r.ok()) {
                CommandResult lazy = commands.run(List.of("umount", "-l", file.toString()), TIMEOUT);
                if (!lazy.ok()) {
                    LOG.warn("cannot unmount the network namespace {}: {}", file, lazy.stderr().trim());
                    return;
                }
            }
        }
        deleteQuietly(file);
    }

    /** @return the container IDs that have a namespace file */
    public List<String> list() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.getMessage());
        }
        return out;
    }

    /**
     * @param file a namespace file
     * @return true if a namespace is mounted on it (it is on an nsfs file system: /proc/self/mountinfo lists it)
     */
    public boolean isMounted(Path file) {
        String abs = file.toAbsolutePath().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && unescape(f[4]).equals(abs)) {
                    return true;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read mountinfo: {}", e.getMessage());
        }
        return false;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
