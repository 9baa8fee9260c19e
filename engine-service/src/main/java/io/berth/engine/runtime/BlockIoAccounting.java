package io.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.cgroup.CgroupMounts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes cgroup v1's block I/O counters count. On this kernel a v1 blkio cgroup's
 * {@code blkio.throttle.io_service_bytes} stays "Total 0" (buffered, fsync'ed and O_DIRECT writes alike) until a
 * throttle rule exists on the device (measured; java-stack-notes section 6 of the shared reference, and the disks
 * here use mq-deadline, so the CFQ counters do not exist). So every container's runtime spec gets a no-op rule
 * per disk: {@code linux.resources.blockIO.throttleReadBpsDevice} at 1 TiB/s, which never limits but makes
 * {@code docker stats} BLOCK I/O right (monitor-service's {@code stats/CgroupV1Reader}).
 *
 * <p>The disks are the entries of {@code /sys/block} backed by a device ({@code /sys/block/<name>/device}
 * exists: virtio, SCSI, NVMe disks; not loop, zram or ram devices, which a rule is not needed for), read once.
 * On cgroup v2 {@code io.stat} counts without rules and nothing is added.
 */
public final class BlockIoAccounting {
    /** The no-op rate: 1 TiB/s. */
    public static final long NO_OP_RATE = 1L << 40;

    private final List<long[]> devices;

    /** @param devices the disks' (major, minor) numbers */
    public BlockIoAccounting(List<long[]> devices) {
        this.devices = List.copyOf(devices);
    }

    /**
     * @param root the directory holding sys and proc ("/" in production)
     * @return the host's disks on a cgroup v1 host, none on v2
     */
    public static BlockIoAccounting forHost(Path root) {
        if (CgroupMounts.read(root).unified()) {
            return new BlockIoAccounting(List.of());
        }
        List<long[]> out = new ArrayList<>();
        try (DirectoryStream<Path> disks = Files.newDirectoryStream(root.resolve("sys/block"))) {
            for (Path disk : disks) {
                String[] dev = CgroupMounts.readOrEmpty(disk.resolve("dev")).trim().split(":");
                if (Files.exists(disk.resolve("device")) && dev.length == 2) {
                    out.add(new long[] {Long.parseLong(dev[0]), Long.parseLong(dev[1])});
                }
            }
        } catch (IOException | RuntimeException e) {
            return new BlockIoAccounting(List.of());
        }
        return new BlockIoAccounting(out);
    }

    /**
     * Adds the no-op rules to a runtime spec's {@code linux.resources}, except for a disk that already has a
     * read rule ({@code --device-read-bps}: the user's limit wins).
     *
     * @param resources the object to add {@code blockIO} to (left alone when there are no disks)
     */
    public void addTo(ObjectNode resources) {
        if (devices.isEmpty()) {
            return;
        }
        ObjectNode blockIo = resources.has("blockIO") ? (ObjectNode) resources.get("blockIO")
                : resources.putObject("blockIO");
        ArrayNode rules = blockIo.has("throttleReadBpsDevice") ? (ArrayNode) blockIo.get("throttleReadBpsDevice")
                : blockIo.putArray("throttleReadBpsDevice");
        for (long[] d : devices) {
            boolean userRule = false;
            for (com.fasterxml.jackson.databind.JsonNode r : rules) {
                userRule |= r.path("major").asLong() == d[0] && r.path("minor").asLong() == d[1];
            }
            if (!userRule) {
                rules.addObject().put("major", d[0]).put("minor", d[1]).put("rate", NO_OP_RATE);
            }
        }
    }
}
