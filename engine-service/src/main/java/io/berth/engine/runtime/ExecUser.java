package io.berth.engine.runtime;

import java.util.List;

/**
 * The identity a container process runs as (OCI runtime spec config.md, {@code process.user}).
 *
 * @param uid user ID
 * @param gid primary group ID
 * @param additionalGids supplementary group IDs
 */
public record ExecUser(int uid, int gid, List<Integer> additionalGids) {
    /** Copies the list. */
    public ExecUser {
        additionalGids = List.copyOf(additionalGids);
    }
}
