package io.berth.monitor.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Block device names as cAdvisor's {@code device} label gives them: {@code /dev/<name>}, where name is the
 * target of the link {@code /sys/dev/block/<major>:<minor>}; remembered once found.
 */
public final class DeviceNames implements Function<String, String> {
    private final Path root;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    /** @param root the directory holding sys ("/" in production) */
    public DeviceNames(Path root) {
        this.root = root;
    }

    /**
     * @param majorMinor "8:0"
     * @return "/dev/sda", or {@code majorMinor} itself if the device is not in {@code /sys/dev/block}
     */
    @Override
    public String apply(String majorMinor) {
        return names.computeIfAbsent(majorMinor, k -> {
            try {
                Path link = Files.readSymbolicLink(root.resolve("sys/dev/block").resolve(k));
                return "/dev/" + link.getFileName();
            } catch (IOException | RuntimeException e) {
                return k;
            }
        });
    }
}
