package io.berth.storage.snapshot;

/**
 * One entry of a snapshot's changes against its parent ({@code docker diff}).
 *
 * @param path absolute path inside the snapshot, e.g. {@code /etc/passwd}
 * @param kind what happened to it
 */
public record Change(String path, ChangeKind kind) {
    @Override
    public String toString() {
        return kind.letter() + " " + path;
    }
}
