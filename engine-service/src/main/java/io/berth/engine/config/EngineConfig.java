package io.berth.engine.config;

import java.nio.file.Path;

/**
 * Settings of one engine process (from {@code io.berth.engine.EngineMain}'s flags) and the paths derived from them.
 *
 * <p>Data root (persistent): {@code <data-root>/containers/<id>/} holds config.v2.json, the json-file
 * log, hostname, hosts and resolv.conf. Exec root (runtime state): {@code containers/<id>/} (the OCI
 * bundle: config.json, rootfs mount point, conmon's pid files), {@code runc/} (the
 * private {@code runc --root}), {@code conmon/exits/} and {@code conmon/socks/}.
 *
 * @param dataRoot the data root, e.g. /var/lib/berth
 * @param execRoot the exec root, e.g. /var/run/berth
 * @param cgroupParent absolute cgroup path under which each container gets {@code <parent>/<id>}
 * @param runc the runc binary
 * @param conmon the conmon binary
 */
public record EngineConfig(Path dataRoot, Path execRoot, String cgroupParent, Path runc, Path conmon) {
    /** Normalizes the cgroup parent to an absolute path without a trailing slash. */
    public EngineConfig {
        dataRoot = dataRoot.toAbsolutePath();
        execRoot = execRoot.toAbsolutePath();
        String p = cgroupParent == null || cgroupParent.isBlank() ? "/berth" : cgroupParent.trim();
        p = p.startsWith("/") ? p : "/" + p;
        cgroupParent = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** @return {@code <data-root>/containers} */
    public Path containersDir() {
        return dataRoot.resolve("containers");
    }

    /**
     * @param id container ID
     * @return {@code <data-root>/containers/<id>}
     */
    public Path containerDir(String id) {
        return containersDir().resolve(id);
    }

    /** @return {@code <data-root>/volumes}, the local volume driver's root (as dockerd's) */
    public Path volumesDir() {
        return dataRoot.resolve("volumes");
    }

    /** @return {@code <exec-root>/containers}, the parent of every bundle */
    public Path bundlesDir() {
        return execRoot.resolve("containers");
    }

    /**
     * @param id container ID
     * @return the container's OCI bundle, {@code <exec-root>/containers/<id>}
     */
    public Bundle bundle(String id) {
        return new Bundle(bundlesDir().resolve(id));
    }

    /** @return {@code <exec-root>/runc}, the private runc state root */
    public Path runcRoot() {
        return execRoot.resolve("runc");
    }

    /** @return {@code <exec-root>/conmon/exits}, where conmon writes exit codes */
    public Path exitDir() {
        return execRoot.resolve("conmon").resolve("exits");
    }

    /** @return {@code <exec-root>/conmon/socks}, conmon's attach socket directory */
    public Path socketDir() {
        return execRoot.resolve("conmon").resolve("socks");
    }

    /**
     * @param id container ID
     * @return the container's absolute cgroup path, {@code <cgroup-parent>/<id>} (the runtime spec's
     *     cgroupsPath)
     */
    public String cgroupsPath(String id) {
        return ("/".equals(cgroupParent) ? "" : cgroupParent) + "/" + id;
    }

    /**
     * @param id container ID
     * @param containerParent the container's own CgroupParent ("" = the engine's); a relative one is taken from
     *     the root, as dockerd's cgroupfs driver does
     * @return the container's absolute cgroup path
     */
    public String cgroupsPath(String id, String containerParent) {
        if (containerParent.isEmpty()) {
            return cgroupsPath(id);
        }
        String parent = Path.of("/").resolve(containerParent).normalize().toString();
        return ("/".equals(parent) ? "" : parent) + "/" + id;
    }
}
