package io.berth.engine.container;

/** Conditions of Docker's {@code POST /containers/{id}/wait?condition=} (Engine API 1.41). */
public enum WaitCondition {
    /** "not-running" (default): answer at once if the container is not running, else at its exit. */
    NOT_RUNNING,
    /** "next-exit": answer at the container's next exit. */
    NEXT_EXIT,
    /** "removed": answer once the container has been removed. */
    REMOVED
}
