package io.berth.engine.runtime;

import java.util.List;

/**
 * dockerd's defaults for a container's runtime spec (moby oci/defaults.go and daemon/oci_linux.go,
 * Docker 20.10): capabilities, masked and read-only paths, the device cgroup rules and the standard
 * mounts (OCI runtime spec config.md#mounts, config-linux.md).
 */
public final class SpecDefaults {
    /** Docker's default capability set (bounding, effective and permitted). */
    public static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
            "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Paths hidden from the container (linux.maskedPaths). */
    public static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
            "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware");

    /** Paths made read-only (linux.readonlyPaths). */
    public static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** Namespaces each container gets (linux.namespaces): network is new, so only loopback exists. */
    public static final List<String> NAMESPACES = List.of("pid", "ipc", "uts", "mount", "network");

    /**
     * One standard mount.
     *
     * @param destination path in the container
     * @param type filesystem type
     * @param source source
     * @param options mount options
     */
    public record StdMount(String destination, String type, String source, List<String> options) {
    }

    /** dockerd's default /dev/shm size, 64 MiB (daemon config {@code default-shm-size}). */
    public static final long SHM_SIZE = 64L * 1024 * 1024;

    /** The standard filesystem mounts, in mount order. */
    public static final List<StdMount> MOUNTS = List.of(
            new StdMount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            new StdMount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            new StdMount("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            new StdMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            new StdMount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
            new StdMount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            new StdMount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777",
                    "size=65536k")));

    /**
     * One device cgroup rule.
     *
     * @param allow allow or deny
     * @param type "c", "b" or null (all)
     * @param major major number, null = any
     * @param minor minor number, null = any
     * @param access "rwm" subset
     */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    }

    /** Deny everything, then allow what Docker allows by default (null, zero, full, random, tty, pts...). */
    public static final List<DeviceRule> DEVICE_RULES = List.of(
            new DeviceRule(false, null, null, null, "rwm"),
            new DeviceRule(true, "c", null, null, "m"),
            new DeviceRule(true, "b", null, null, "m"),
            new DeviceRule(true, "c", 1L, 3L, "rwm"),
            new DeviceRule(true, "c", 1L, 8L, "rwm"),
            new DeviceRule(true, "c", 1L, 7L, "rwm"),
            new DeviceRule(true, "c", 5L, 0L, "rwm"),
            new DeviceRule(true, "c", 1L, 5L, "rwm"),
            new DeviceRule(true, "c", 1L, 9L, "rwm"),
            new DeviceRule(true, "c", 5L, 1L, "rwm"),
            new DeviceRule(true, "c", 136L, null, "rwm"),
            new DeviceRule(true, "c", 5L, 2L, "rwm"),
            new DeviceRule(true, "c", 10L, 200L, "rwm"));

    private SpecDefaults() {
    }
}
