package io.berth.engine.archive;

import io.berth.proto.engine.v1.PathStat;
import java.time.Instant;

/** Docker's ContainerPathStat (moby container/archive.go {@code StatPath}) from an lstat. */
final class PathStats {
    private PathStats() {
    }

    /**
     * @param name the base name of the requested path
     * @param a its lstat
     * @param linkTarget the resolved target of a symbolic link, else ""
     * @return the stat message
     */
    static PathStat of(String name, EntryAttributes a, String linkTarget) {
        Instant t = a.mtime().toInstant();
        return PathStat.newBuilder().setName(name).setSize(a.size()).setMode((int) GoFileMode.of(a.mode()))
                .setMtimeSeconds(t.getEpochSecond()).setMtimeNanos(t.getNano()).setLinkTarget(linkTarget).build();
    }
}
