package io.berth.engine.archive;

import io.berth.engine.container.ContainerRecord;
import java.util.List;

/**
 * A container's filesystem opened for one archive operation: the root (with the container's mounts) and
 * the record it was opened for. Closing it closes the root and undoes what opening did (private mounts of a
 * stopped container, the container's lock); close it on the thread that opened it.
 */
public final class OpenRoot implements AutoCloseable {
    private final ScopedRoot root;
    private final ContainerRecord record;
    private final List<Runnable> undo;

    /**
     * @param root the root
     * @param record the container
     * @param undo what to do after closing the root, in order
     */
    OpenRoot(ScopedRoot root, ContainerRecord record, List<Runnable> undo) {
        this.root = root;
        this.record = record;
        this.undo = List.copyOf(undo);
    }

    /** @return the root */
    public ScopedRoot root() {
        return root;
    }

    /** @return the container as it was when opened */
    public ContainerRecord record() {
        return record;
    }

    /** Closes the root, then unmounts and unlocks as opening requires. */
    @Override
    public void close() {
        root.close();
        for (Runnable r : undo) {
            r.run();
        }
    }
}
