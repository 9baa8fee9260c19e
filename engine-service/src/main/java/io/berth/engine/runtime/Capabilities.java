package io.berth.engine.runtime;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A container's capability set (OCI config.md process.capabilities), computed as dockerd does (moby
 * oci/caps/utils.go {@code TweakCapabilities}): privileged → every available capability (those the kernel
 * has and the engine's own bounding set holds, as dockerd 23+ does, so berth also works inside a container
 * with fewer capabilities); else Docker's default set ({@link SpecDefaults#CAPABILITIES}) with CapDrop
 * removed and CapAdd appended; "ALL" in CapAdd → every available capability except CapDrop; "ALL" in
 * CapDrop → only CapAdd. Names are matched in any case with or without the "CAP_" prefix.
 */
public final class Capabilities {
    /** Every Linux capability by number (capabilities(7)), CAP_CHOWN = 0 to CAP_CHECKPOINT_RESTORE = 40. */
    public static final List<String> KNOWN = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** The magic value of CapAdd/CapDrop meaning every capability. */
    public static final String ALL = "ALL";

    private static final List<String> AVAILABLE = available(Path.of("/proc/sys/kernel/cap_last_cap"),
            Path.of("/proc/self/status"));

    private Capabilities() {
    }

    /**
     * @param capLastCap the kernel's /proc/sys/kernel/cap_last_cap
     * @param status /proc/self/status (its CapBnd line: the engine's bounding set, hex)
     * @return the known capabilities up to the kernel's last one that are in the engine's bounding set
     *     (a file that cannot be read limits nothing)
     */
    static List<String> available(Path capLastCap, Path status) {
        int last = KNOWN.size() - 1;
        long bounding = -1L;
        try {
            // Files.readString can return a short read on procfs; a line reader reads to EOF.
            last = Math.min(last, Integer.parseInt(String.join("", Files.readAllLines(capLastCap)).trim()));
        } catch (IOException | NumberFormatException e) {
            // keep every known capability
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapBnd:")) {
                    bounding = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // keep every capability
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if ((bounding >>> i & 1) == 1) {
                out.add(KNOWN.get(i));
            }
        }
        return List.copyOf(out);
    }

    /** @return every capability this kernel has and the engine holds, in number order */
    public static List<String> all() {
        return AVAILABLE;
    }

    /**
     * @param hc the host config (Privileged, CapAdd, CapDrop)
     * @return the capability names for the bounding, effective and permitted sets
     * @throws InvalidArgumentException "unknown capability: \"CAP_X\""
     */
    public static List<String> of(HostConfig hc) {
        if (hc.getPrivileged()) {
            return all();
        }
        if (hc.getCapAddList().isEmpty() && hc.getCapDropList().isEmpty()) {
            return SpecDefaults.CAPABILITIES;
        }
        List<String> drop = normalize(hc.getCapDropList());
        List<String> add = normalize(hc.getCapAddList());
        List<String> caps = new ArrayList<>();
        if (add.contains(ALL)) {
            all().stream().filter(c -> !drop.contains(c)).forEach(caps::add);
        } else if (drop.contains(ALL)) {
            caps.addAll(add);
        } else {
            SpecDefaults.CAPABILITIES.stream().filter(c -> !drop.contains(c)).forEach(caps::add);
            add.stream().filter(c -> !caps.contains(c)).forEach(caps::add);
        }
        return List.copyOf(caps);
    }

    /**
     * @param names CapAdd or CapDrop entries ("net_admin", "CAP_NET_ADMIN", "ALL")
     * @return upper-case names with the "CAP_" prefix, "ALL" kept
     * @throws InvalidArgumentException "unknown capability: \"CAP_X\"" (moby's text)
     */
    public static List<String> normalize(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String c = n.toUpperCase(Locale.ROOT);
            if (!c.equals(ALL)) {
                c = c.startsWith("CAP_") ? c : "CAP_" + c;
                if (!KNOWN.contains(c)) {
                    throw new InvalidArgumentException("unknown capability: \"" + c + "\"");
                }
                if (!AVAILABLE.contains(c)) {
                    throw new InvalidArgumentException("capability not supported by your kernel or not available"
                            + " in the current environment: \"" + c + "\"");
                }
            }
            out.add(c);
        }
        return out;
    }
}
