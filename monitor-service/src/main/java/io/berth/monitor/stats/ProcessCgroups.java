package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A process's cgroups from {@code /proc/<pid>/cgroup} (cgroups(7): "hierarchy-ID:controller-list:cgroup-path"
 * per line): on v1 each controller ("cpu", "cpuacct", "memory", ...) maps to its path, on v2 the "0::" line
 * is under the key "" . A container's cgroup is read from its init process's file, so the monitor needs only
 * the pid the engine reports, whatever cgroup parent the engine chose (on this machine's v1 the memory
 * controller even lives in another tree, see java-stack-notes section 6 in the shared reference).
 */
final class ProcessCgroups {
    /** The key of the unified hierarchy's line. */
    static final String UNIFIED = "";

    private ProcessCgroups() {
    }

    /**
     * @param root the directory holding proc ("/" in production)
     * @param pid the process
     * @return controller to cgroup path; empty if the process is gone
     */
    static Map<String, String> of(Path root, int pid) {
        Map<String, String> out = new HashMap<>();
        String text = CgroupMounts.readOrEmpty(root.resolve("proc").resolve(Integer.toString(pid)).resolve("cgroup"));
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length != 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                out.put(UNIFIED, f[2]);
                continue;
            }
            for (String controller : f[1].split(",")) {
                if (!controller.isEmpty() && !controller.startsWith("name=")) {
                    out.put(controller, f[2]);
                }
            }
        }
        return out;
    }

    /**
     * A container's name as cAdvisor gives it (its {@code id} label): the cgroup path of the process's cpu
     * controller on v1, its unified path on v2, e.g. {@code /berth/<container id>}.
     *
     * @param root the directory holding proc
     * @param pid the process
     * @return the path, "" if the process is gone
     */
    static String name(Path root, int pid) {
        Map<String, String> m = of(root, pid);
        return m.getOrDefault("cpu", m.getOrDefault(UNIFIED, m.getOrDefault("memory", "")));
    }
}
