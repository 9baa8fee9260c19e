package io.berth.storage.snapshot;

/**
 * Docker's kinds of filesystem change (moby {@code pkg/archive} ChangeType; the Engine API 1.41
 * {@code FilesystemChange.Kind}), in the API's numbering: 0 modified, 1 added, 2 deleted.
 */
public enum ChangeKind {
    /** "C" (Kind 0): content or attributes changed, or a directory whose contents changed. */
    MODIFIED("C"),
    /** "A" (Kind 1): the path is new. */
    ADDED("A"),
    /** "D" (Kind 2): the path was deleted. */
    DELETED("D");

    private final String letter;

    ChangeKind(String letter) {
        this.letter = letter;
    }

    /** @return the letter {@code docker diff} prints: "C", "A" or "D" */
    public String letter() {
        return letter;
    }
}
