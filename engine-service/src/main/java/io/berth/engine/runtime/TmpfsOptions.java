package io.berth.engine.runtime;

import io.berth.common.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mount options of a tmpfs mount as dockerd computes them (moby daemon/oci_linux.go {@code WithMounts}
 * and moby/sys/mount {@code MergeTmpfsOptions}): the defaults {@code noexec,nosuid,nodev,rprivate}, then the
 * user's options; a later option replaces an earlier one of the same flag ({@code exec} replaces
 * {@code noexec}, one propagation only) or the same key ({@code size=}). Data options are limited to
 * tmpfs's: size, mode, uid, gid, nr_inodes, nr_blocks, mpol.
 */
public final class TmpfsOptions {
    /** The options every tmpfs mount starts with. */
    public static final List<String> DEFAULTS = List.of("noexec", "nosuid", "nodev", "rprivate");

    private static final Set<String> DATA_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks",
            "mpol");
    /** Mount flag → the group that conflicts with it (same bit in mount(2), or any propagation). */
    private static final Map<String, String> FLAG_GROUPS = flagGroups();

    private TmpfsOptions() {
    }

    private static Map<String, String> flagGroups() {
        Map<String, String> m = new java.util.HashMap<>();
        String[][] pairs = {{"ro", "rw"}, {"suid", "nosuid"}, {"dev", "nodev"}, {"exec", "noexec"},
            {"sync", "async"}, {"dirsync"}, {"remount"}, {"mand", "nomand"}, {"atime", "noatime"},
            {"diratime", "nodiratime"}, {"bind"}, {"rbind"}, {"relatime", "norelatime"},
            {"strictatime", "nostrictatime"}};
        for (String[] p : pairs) {
            for (String f : p) {
                m.put(f, p[0]);
            }
        }
        for (String p : List.of("unbindable", "runbindable", "private", "rprivate", "shared", "rshared", "slave",
                "rslave")) {
            m.put(p, "propagation");
        }
        return Map.copyOf(m);
    }

    /**
     * @param userOptions the user's comma-separated options ("size=64m,exec"; "" for none)
     * @return the merged options in order, for the runtime spec's mount options
     * @throws InvalidArgumentException "Invalid tmpfs option ..." for an unknown option
     */
    public static List<String> merge(String userOptions) {
        List<String> all = new ArrayList<>(DEFAULTS);
        if (userOptions != null && !userOptions.isEmpty()) {
            all.addAll(List.of(userOptions.split(",", -1)));
        }
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            String o = all.get(i);
            if (o.equals("defaults")) {
                continue;
            }
            String key = FLAG_GROUPS.get(o);
            if (key == null) {
                int eq = o.indexOf('=');
                if (eq < 0 || !DATA_KEYS.contains(o.substring(0, eq))) {
                    throw new InvalidArgumentException("Invalid tmpfs option \"" + o + "\"");
                }
                key = "data:" + o.substring(0, eq);
            }
            if (seen.add(key)) {
                out.add(0, o);
            }
        }
        return out;
    }

    /**
     * Docker's TmpfsOptions of a Mount as tmpfs data (moby volume/mounts {@code ConvertTmpfsOptions}):
     * "ro", "mode=<octal>", "size=<n>[kmg]" (the largest unit that divides the size).
     *
     * @param readOnly the mount's ReadOnly
     * @param sizeBytes size in bytes, 0 = none
     * @param mode permission bits, 0 = none
     * @return comma-separated options ("" if none)
     */
    public static String fromMount(boolean readOnly, long sizeBytes, int mode) {
        List<String> o = new ArrayList<>();
        if (readOnly) {
            o.add("ro");
        }
        if (mode != 0) {
            o.add("mode=" + Integer.toOctalString(mode));
        }
        if (sizeBytes != 0) {
            o.add("size=" + humanSize(sizeBytes));
        }
        return String.join(",", o);
    }

    private static String humanSize(long size) {
        long[] divisors = {1L << 30, 1L << 20, 1L << 10};
        String[] suffixes = {"g", "m", "k"};
        for (int i = 0; i < divisors.length; i++) {
            if (size % divisors[i] == 0) {
                return (size / divisors[i]) + suffixes[i];
            }
        }
        return Long.toString(size);
    }
}
