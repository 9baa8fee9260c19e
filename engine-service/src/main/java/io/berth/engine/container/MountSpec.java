package io.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of Docker's HostConfig.Mounts (Engine API 1.41 Mount), flattened: BindOptions and
 * TmpfsOptions become fields.
 *
 * @param type "bind", "tmpfs" (implemented) or "volume" (refused at create)
 * @param source host path for "bind", volume name for "volume", empty for "tmpfs"
 * @param target absolute path in the container
 * @param readOnly mount read-only
 * @param propagation bind propagation ("" = rprivate)
 * @param nonRecursive bind only this mount ("bind" instead of "rbind")
 * @param tmpfsSizeBytes tmpfs size in bytes (0 = the kernel's default)
 * @param tmpfsMode tmpfs permission bits (0 = the kernel's default, 1777)
 */
public record MountSpec(
        @JsonProperty("Type") String type,
        @JsonProperty("Source") String source,
        @JsonProperty("Target") String target,
        @JsonProperty("ReadOnly") boolean readOnly,
        @JsonProperty("Propagation") String propagation,
        @JsonProperty("NonRecursive") boolean nonRecursive,
        @JsonProperty("TmpfsSizeBytes") long tmpfsSizeBytes,
        @JsonProperty("TmpfsMode") int tmpfsMode) {

    /** Normalizes nulls to "". */
    public MountSpec {
        type = type == null ? "" : type;
        source = source == null ? "" : source;
        target = target == null ? "" : target;
        propagation = propagation == null ? "" : propagation;
    }
}
