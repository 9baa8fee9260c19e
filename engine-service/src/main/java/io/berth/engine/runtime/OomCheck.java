package io.berth.engine.runtime;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Path;

/**
 * Whether the kernel's OOM killer killed a process of a container's cgroup (Docker's State.OOMKilled and
 * its {@code oom} event), read from the cgroup's counter before {@code runc delete} removes it: cgroup v1
 * {@code memory.oom_control} ({@code oom_kill N}, Linux 4.13+; {@code under_oom 1} on older kernels),
 * cgroup v2 {@code memory.events} ({@code oom_kill N}). runc makes a new cgroup for each run, so the counter
 * is the run's.
 */
public final class OomCheck {
    private final CgroupMounts mounts;

    /** @param mounts the host's cgroup hierarchies */
    public OomCheck(CgroupMounts mounts) {
        this.mounts = mounts;
    }

    /** @return a check of this host's cgroups */
    public static OomCheck host() {
        return new OomCheck(CgroupMounts.read(Path.of("/")));
    }

    /**
     * @param cgroupsPath the container's absolute cgroup path as in its runtime spec ("/berth/&lt;id&gt;")
     * @return true if a process of it was killed for memory; false also when the cgroup cannot be read
     */
    public boolean oomKilled(String cgroupsPath) {
        if (mounts.unified()) {
            Path dir = CgroupMounts.cgroupDir(mounts.unifiedMountPoint(), "/", cgroupsPath);
            return counter(CgroupMounts.readOrEmpty(dir.resolve("memory.events")), "oom_kill") > 0;
        }
        return mounts.v1Mount("memory").map(m -> {
            String text = CgroupMounts.readOrEmpty(
                    CgroupMounts.cgroupDir(m.mountPoint(), m.cgroupRoot(), cgroupsPath).resolve("memory.oom_control"));
            return counter(text, "oom_kill") > 0 || counter(text, "under_oom") > 0;
        }).orElse(false);
    }

    /**
     * @param text "key value" lines
     * @param key the key
     * @return its value, 0 if absent or malformed
     */
    static long counter(String text, String key) {
        for (String line : text.split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                try {
                    return Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
