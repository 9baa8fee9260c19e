package io.berth.storage.snapshot;

import java.util.List;

/**
 * A filesystem mount a snapshotter describes and the caller performs (containerd's mount.Mount; the OCI
 * runtime spec config.md#mounts entry). Examples: {@code overlay overlay [lowerdir=/a:/b, upperdir=/u,
 * workdir=/w]} and {@code bind /snapshots/3/fs [rbind, rw]}.
 *
 * @param type filesystem type: "overlay" or "bind"
 * @param source source path, or "overlay" for overlayfs
 * @param options options as mount(8) takes them
 */
public record Mount(String type, String source, List<String> options) {
    /** Copies the options so the record stays immutable. */
    public Mount {
        options = List.copyOf(options);
    }

    /**
     * @param prefix option prefix such as {@code "upperdir="}
     * @return the value of the first option with that prefix, or {@code null}
     */
    public String option(String prefix) {
        for (String o : options) {
            if (o.startsWith(prefix)) {
                return o.substring(prefix.length());
            }
        }
        return null;
    }
}
