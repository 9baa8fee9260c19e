package io.berth.engine.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The host's processes that belong to berth's containers, found through {@code /proc} (proc(5)) when no
 * record says so: the conmon monitors of one exec root (by their {@code -c <id>} and an argument inside the
 * exec root) and the processes in a container's cgroup {@code <cgroup-parent>/<id>} (by
 * {@code /proc/<pid>/cgroup}; this finds a {@code runc init} waiting in a created container too). Used at the
 * engine's start to kill what a crash left behind. Unreadable processes (gone meanwhile) are skipped.
 */
public final class HostProcesses {
    private static final Logger LOG = LogManager.getLogger(HostProcesses.class);

    /**
     * A process and the container it belongs to.
     *
     * @param pid host PID
     * @param containerId the container's ID
     */
    public record Owned(long pid, String containerId) {
    }

    private final Path proc;

    /** @param proc the proc file system, {@code /proc} */
    public HostProcesses(Path proc) {
        this.proc = proc;
    }

    /**
     * @param execRoot the engine's exec root
     * @return every live conmon (container or exec mode) whose command line names a path inside
     *     {@code execRoot}, with the container of its {@code -c} argument
     */
    public List<Owned> conmons(Path execRoot) {
        String root = execRoot.toAbsolutePath().normalize().toString();
        List<Owned> out = new ArrayList<>();
        for (long pid : pids()) {
            Optional<String> comm = read(pid, "comm");
            if (comm.isEmpty() || !comm.get().trim().equals("conmon")) {
                continue;
            }
            List<String> args = cmdline(pid);
            boolean ours = args.stream().anyMatch(a -> a.equals(root) || a.startsWith(root + "/")
                    || a.startsWith("--root=" + root + "/"));
            int c = args.indexOf("-c");
            if (ours && c >= 0 && c + 1 < args.size()) {
                out.add(new Owned(pid, args.get(c + 1)));
            }
        }
        return out;
    }

    /**
     * @param cgroupParent the absolute parent cgroup of containers, e.g. {@code /berth}
     * @return every process in a cgroup {@code <cgroupParent>/<id>[/...]} of any hierarchy, with that id (the
     *     parent may be nested below the cgroup namespace's root, as under a sandbox's delegated cgroup)
     */
    public List<Owned> inContainerCgroups(String cgroupParent) {
        String marker = ("/".equals(cgroupParent) ? "" : cgroupParent) + "/";
        List<Owned> out = new ArrayList<>();
        for (long pid : pids()) {
            Optional<String> cgroups = read(pid, "cgroup");
            if (cgroups.isEmpty()) {
                continue;
            }
            for (String line : cgroups.get().split("\n")) {
                int colon = line.indexOf(':', line.indexOf(':') + 1);
                String path = colon < 0 ? "" : line.substring(colon + 1);
                int at = path.indexOf(marker);
                if (at < 0) {
                    continue;
                }
                String rest = path.substring(at + marker.length());
                String id = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
                if (io.berth.engine.container.ContainerIds.isFullId(id)) {
                    out.add(new Owned(pid, id));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * SIGKILLs a process (nothing if it is gone).
     *
     * @param p the process
     * @param why logged with it
     */
    public static void kill(Owned p, String why) {
        ProcessHandle.of(p.pid()).ifPresent(h -> {
            LOG.warn("killing {} (pid {}) of container {}: {}", h.info().command().orElse("process"), p.pid(),
                    p.containerId(), why);
            h.destroyForcibly();
        });
    }

    private List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(proc)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    out.add(Long.parseLong(n));
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", proc, e.toString());
        }
        return out;
    }

    private List<String> cmdline(long pid) {
        try {
            String s = new String(Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8);
            return Arrays.asList(s.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(proc.resolve(Long.toString(pid)).resolve(file),
                    StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
