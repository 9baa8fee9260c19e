package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.proto.engine.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's devices of a container's runtime spec, as dockerd 20.10 adds them (moby daemon/oci_linux.go
 * {@code WithDevices}, oci/devices_linux.go): each {@code Devices} entry ({@code --device
 * /dev/x[:/dev/y[:rwm]]}) becomes a {@code linux.devices} node and an allow rule of
 * {@code linux.resources.devices} with its permissions; a directory adds every device node below it, at the
 * same relative path under the container path. Each {@code DeviceCgroupRules} entry ({@code "c 1:3 rwm"},
 * {@code "a *:* m"}) becomes an allow rule. Privileged containers already allow every device.
 */
public final class LinuxDevices {
    private static final Pattern CGROUP_RULE = Pattern.compile("^([acb]) ([0-9]+|\\*):([0-9]+|\\*) ([rwm]{1,3})$");

    /**
     * One device as it goes into the spec.
     *
     * @param node the host's node
     * @param containerPath its path in the container
     * @param permissions "r", "w", "m" combined
     */
    public record Mapped(DeviceNode node, String containerPath, String permissions) {
    }

    private LinuxDevices() {
    }

    /**
     * @param hc the host config
     * @return every device of its Devices, resolved on the host
     * @throws InvalidArgumentException for a missing path, a path that holds no device, a relative container
     *     path or bad permissions (dockerd's texts)
     */
    public static List<Mapped> resolve(HostConfig hc) {
        List<Mapped> out = new ArrayList<>();
        for (HostConfig.DeviceMapping d : hc.getDevicesList()) {
            String perms = d.getCgroupPermissions().isEmpty() ? "rwm" : d.getCgroupPermissions();
            if (!perms.matches("[rwm]{1,3}")) {
                throw new InvalidArgumentException("bad mode specified: " + d.getCgroupPermissions());
            }
            String host = d.getPathOnHost();
            String inContainer = d.getPathInContainer().isEmpty() ? host : d.getPathInContainer();
            if (!host.startsWith("/") || !inContainer.startsWith("/")) {
                throw new InvalidArgumentException("bad format for path: " + (host.startsWith("/") ? inContainer
                        : host));
            }
            out.addAll(resolveOne(host, inContainer, perms));
        }
        return out;
    }

    private static List<Mapped> resolveOne(String host, String inContainer, String perms) {
        String what = "error gathering device information while adding custom device \"" + host + "\": ";
        Path p = Path.of(host);
        try {
            DeviceNode node = DeviceNode.statOrNull(p);
            if (node != null) {
                return List.of(new Mapped(node, inContainer, perms));
            }
            if (!Files.isDirectory(p)) {
                throw new InvalidArgumentException(what + "not a device node");
            }
            List<Mapped> out = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path f : (Iterable<Path>) walk::iterator) {
                    DeviceNode n = Files.isSymbolicLink(f) ? null : DeviceNode.statOrNull(f);
                    if (n != null) {
                        out.add(new Mapped(n, inContainer + "/" + p.relativize(f), perms));
                    }
                }
            }
            if (out.isEmpty()) {
                throw new InvalidArgumentException(what + "not a device node");
            }
            return out;
        } catch (IOException e) {
            throw new InvalidArgumentException(what + "no such file or directory");
        }
    }

    /**
     * @param rules DeviceCgroupRules
     * @throws InvalidArgumentException "invalid device cgroup format '...'"
     */
    public static void checkRules(List<String> rules) {
        rules.forEach(LinuxDevices::parseRule);
    }

    private static Matcher parseRule(String rule) {
        Matcher m = CGROUP_RULE.matcher(rule);
        if (!m.matches()) {
            throw new InvalidArgumentException("invalid device cgroup format '" + rule + "'");
        }
        return m;
    }

    /**
     * Adds the devices and their rules to the runtime spec.
     *
     * @param hc the host config
     * @param linux {@code linux} of the spec (gets {@code devices})
     * @param resourceRules {@code linux.resources.devices} (gets the allow rules)
     */
    public static void addTo(HostConfig hc, ObjectNode linux, ArrayNode resourceRules) {
        List<Mapped> devices = resolve(hc);
        if (!devices.isEmpty()) {
            ArrayNode nodes = linux.putArray("devices");
            for (Mapped d : devices) {
                DeviceNode n = d.node();
                nodes.addObject().put("path", d.containerPath()).put("type", n.type()).put("major", n.major())
                        .put("minor", n.minor()).put("fileMode", n.fileMode()).put("uid", n.uid())
                        .put("gid", n.gid());
                resourceRules.addObject().put("allow", true).put("type", n.type()).put("major", n.major())
                        .put("minor", n.minor()).put("access", d.permissions());
            }
        }
        for (String rule : hc.getDeviceCgroupRulesList()) {
            Matcher m = parseRule(rule);
            ObjectNode o = resourceRules.addObject().put("allow", true).put("type", m.group(1));
            if (!m.group(2).equals("*")) {
                o.put("major", Long.parseLong(m.group(2)));
            }
            if (!m.group(3).equals("*")) {
                o.put("minor", Long.parseLong(m.group(3)));
            }
            o.put("access", m.group(4));
        }
    }
}
