package io.berth.engine.runtime;

import io.berth.common.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A device node of the host, as {@code stat(2)} describes it: what the OCI runtime spec needs for
 * {@code linux.devices} and the cgroup device and block I/O rules (config-linux.md#devices).
 *
 * @param path the node's path
 * @param type "c" (character) or "b" (block)
 * @param major the major number
 * @param minor the minor number
 * @param fileMode the permission bits
 * @param uid the owner
 * @param gid the group
 */
public record DeviceNode(String path, String type, long major, long minor, int fileMode, int uid, int gid) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    /**
     * @param path a host path (links followed, as dockerd's {@code devices.DeviceFromPath})
     * @return the node, or null if the path is not a device node
     * @throws IOException if it cannot be stat'ed (missing)
     */
    public static DeviceNode statOrNull(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        int kind = mode & S_IFMT;
        if (kind != S_IFCHR && kind != S_IFBLK) {
            return null;
        }
        long rdev = (Long) Files.getAttribute(path, "unix:rdev");
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        return new DeviceNode(path.toString(), kind == S_IFCHR ? "c" : "b", major, minor, mode & 07777,
                (Integer) Files.getAttribute(path, "unix:uid"),
                (Integer) Files.getAttribute(path, "unix:gid"));
    }

    /**
     * @param path the path of a block device given in a Blkio*Device entry
     * @param what the option, for the error ("BlkioDeviceReadBps")
     * @return its node
     * @throws InvalidArgumentException if it is missing or not a block device
     */
    public static DeviceNode block(String path, String what) {
        try {
            DeviceNode d = statOrNull(Path.of(path));
            if (d == null || !d.type().equals("b")) {
                throw new InvalidArgumentException("invalid " + what + " device " + path + ": not a block device");
            }
            return d;
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new InvalidArgumentException("invalid " + what + " device " + path + ": no such file or directory");
        }
    }
}
