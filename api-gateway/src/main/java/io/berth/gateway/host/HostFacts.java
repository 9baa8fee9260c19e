package io.berth.gateway.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Facts about the host for Docker Engine API 1.41 {@code GET /version} and {@code GET /info}, read from the
 * files the kernel and the distribution provide under a root directory ("/" in production, a fake tree in
 * tests): kernel release ({@code /proc/sys/kernel/osrelease}, what {@code uname -r} prints), total memory
 * ({@code /proc/meminfo} MemTotal, in bytes), OS name ({@code /etc/os-release} PRETTY_NAME), host name,
 * cgroup version ("2" if {@code /sys/fs/cgroup/cgroup.controllers} exists, else "1") and this process's
 * open file descriptors ({@code /proc/self/fd}).
 */
public final class HostFacts {
    private final Path root;

    /** @param root the directory holding proc, etc and sys ("/" in production) */
    public HostFacts(Path root) {
        this.root = root;
    }

    /** @return the kernel release, e.g. "6.1.0-18-amd64" (os.version if /proc is unreadable) */
    public String kernelVersion() {
        return read("proc/sys/kernel/osrelease").orElse(System.getProperty("os.version", ""));
    }

    /** @return PRETTY_NAME of os-release, e.g. "Debian GNU/Linux 12 (bookworm)", or "Linux" */
    public String operatingSystem() {
        for (String file : new String[] {"etc/os-release", "usr/lib/os-release"}) {
            for (String line : read(file).orElse("").split("\n")) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", "");
                }
            }
        }
        return "Linux";
    }

    /** @return total memory in bytes (MemTotal of /proc/meminfo, which is in KiB), 0 if unknown */
    public long memTotalBytes() {
        for (String line : read("proc/meminfo").orElse("").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
                try {
                    return Long.parseLong(kb) * 1024;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** @return the host name (the kernel's, else the resolver's) */
    public String hostname() {
        return read("proc/sys/kernel/hostname").orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        });
    }

    /** @return "2" on a unified (cgroup v2) hierarchy, else "1" */
    public String cgroupVersion() {
        return Files.exists(root.resolve("sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
    }

    /** @return the number of CPUs the JVM may use */
    public int ncpu() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return the architecture in Go's terms (Docker's Arch): "amd64", "arm64", ... */
    public String goArch() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> a;
        };
    }

    /** @return the architecture as {@code uname -m} prints it (Docker's Info.Architecture): "x86_64", ... */
    public String machine() {
        return switch (goArch()) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "386" -> "i686";
            default -> goArch();
        };
    }

    /**
     * The number of file descriptors this process has open, as dockerd's NFd counts them (the entries of
     * {@code /proc/self/fd}, the descriptor used to list it included).
     *
     * @return the count, or -1 if {@code /proc/self/fd} cannot be listed (dockerd logs and reports -1 too)
     */
    public int openFileDescriptors() {
        try (java.util.stream.Stream<Path> fds = Files.list(root.resolve("proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the directory holding proc, etc and sys ("/" in production) */
    public Path root() {
        return root;
    }

    private java.util.Optional<String> read(String relative) {
        try {
            String s = Files.readString(root.resolve(relative), StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
