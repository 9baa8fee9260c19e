package io.berth.daemon;

/** Tells whether a started service answers yet. Implementations return quickly (a bounded wait) and never throw. */
@FunctionalInterface
public interface ReadinessProbe {
    /** @return true if the service answers as ready */
    boolean isReady();
}
