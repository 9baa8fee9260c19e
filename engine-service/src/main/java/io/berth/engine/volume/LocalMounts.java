package io.berth.engine.volume;

import io.berth.common.errors.InternalException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.sys.Sys;
import io.berth.engine.runtime.RootfsMounter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local driver's mounts (moby volume/local/local_unix.go): a volume created with options {@code type},
 * {@code device} and {@code o} has {@code mount -t <type> -o <o> <device> <_data>} done with mount(2) at its
 * first use and undone when no running container uses it any more. {@code o} is split as moby's
 * pkg/mount does: generic flags (ro, bind, nosuid, ...) become mount flags, the rest the filesystem's data
 * ({@code size=64m,uid=1000} for tmpfs, {@code addr=10.0.0.1,rw} for nfs). Examples, as with dockerd:
 * {@code --opt type=tmpfs --opt device=tmpfs --opt o=size=64m}, {@code --opt type=none --opt o=bind --opt
 * device=/srv/data}. Whether it is mounted is read from /proc/self/mountinfo, so a restarted engine knows.
 */
@Singleton
public class LocalMounts {
    /** The options the local driver knows (20.10 {@code validOpts}). */
    static final Set<String> OPTIONS = Set.of("type", "device", "o");
    /** The options it needs once any is given (20.10 {@code mandatoryOpts}). */
    static final List<String> REQUIRED = List.of("device", "type");

    private final RootfsMounter mounts;

    /** @param mounts the engine's mountinfo reader and unmounter */
    @Inject
    public LocalMounts(RootfsMounter mounts) {
        this.mounts = mounts;
    }

    /**
     * @param name the volume's name, for the message
     * @param options the driver options (null or empty: a plain directory)
     * @throws InvalidArgumentException "create &lt;name&gt;: invalid option key: "x"" or "missing required
     *     option: "device"", dockerd's texts
     */
    public static void check(String name, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return;
        }
        for (String key : new TreeSet<>(options.keySet())) {
            if (!OPTIONS.contains(key)) {
                throw new InvalidArgumentException("create " + name + ": invalid option key: \"" + key + "\"");
            }
        }
        for (String key : REQUIRED) {
            if (!options.containsKey(key)) {
                throw new InvalidArgumentException("create " + name + ": missing required option: \"" + key + "\"");
            }
        }
    }

    /**
     * Mounts the volume's device on its data directory unless it is mounted already.
     *
     * @param v the volume (without options: nothing to do)
     * @param data its {@code _data} directory
     * @throws InternalException "failed to mount local volume: ..." (dockerd's text)
     */
    public void mount(VolumeRecord v, Path data) {
        if (!v.hasMountOptions() || mounts.isMounted(data)) {
            return;
        }
        String o = v.options().getOrDefault("o", "");
        List<String> opts = o.isEmpty() ? List.of() : Arrays.asList(o.split(","));
        try {
            Sys.mount(v.options().get("type"), v.options().get("device"), data, opts);
        } catch (IOException e) {
            throw new InternalException("failed to mount local volume: " + e.getMessage(), e);
        }
    }

    /**
     * @param data a volume's {@code _data} directory
     * @return true if something is mounted on it
     */
    public boolean isMounted(Path data) {
        return mounts.isMounted(data);
    }

    /**
     * Unmounts whatever is mounted on the data directory (nothing mounted is fine).
     *
     * @param data a volume's {@code _data} directory
     */
    public void unmount(Path data) {
        mounts.unmount(data);
    }
}
