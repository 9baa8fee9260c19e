package io.berth.monitor.stats;

import io.berth.common.cgroup.CgroupMounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parsing of cgroup interface files (the kernel's Documentation/admin-guide/cgroup-v1 and cgroup-v2): single
 * values, "max", flat keyed files ({@code memory.stat}, {@code cpu.stat}) and space-separated lists. Numbers
 * are unsigned 64-bit, held in a Java {@code long} (compare with {@link Long#compareUnsigned}).
 */
final class CgroupFiles {
    /** What v2's "max" is read as (containerd's cgroups: math.MaxUint64). */
    static final long MAX = -1L;

    private CgroupFiles() {
    }

    /**
     * @param dir a cgroup directory
     * @param file an interface file in it
     * @return the file's single value ("max" is {@link #MAX}), or empty if absent or unreadable
     */
    static OptionalLong value(Path dir, String file) {
        String text = CgroupMounts.readOrEmpty(dir.resolve(file)).trim();
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        if (text.equals("max")) {
            return OptionalLong.of(MAX);
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * @param dir a cgroup directory
     * @param file an interface file in it
     * @return the value, 0 when absent
     */
    static long valueOrZero(Path dir, String file) {
        return value(dir, file).orElse(0);
    }

    /**
     * Reads a flat keyed file: one "key value" per line.
     *
     * @param dir a cgroup directory
     * @param file the file
     * @return the keys in file order with their values (values that are not numbers are skipped)
     */
    static Map<String, Long> keyed(Path dir, String file) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : CgroupMounts.readOrEmpty(dir.resolve(file)).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                try {
                    out.put(f[0], Long.parseUnsignedLong(f[1]));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }
        return out;
    }

    /**
     * @param dir a cgroup directory
     * @return true if it exists
     */
    static boolean exists(Path dir) {
        return dir != null && Files.isDirectory(dir);
    }
}
