package io.berth.common;

import sun.misc.Signal;

/**
 * Makes SIGTERM and SIGINT end the JVM with exit status 0 instead of the JVM's default 143 / 130, as the
 * berth processes promise ("on SIGTERM or SIGINT it shuts down cleanly and exits 0"). The JVM's
 * shutdown hooks still run: the handler calls {@code System.exit(0)}, which runs them.
 *
 * <p>Use in a main, once, next to registering the shutdown hook: {@code CleanExit.onTermSignals();}.
 */
public final class CleanExit {
    private CleanExit() {
    }

    /**
     * Installs the handlers for SIGTERM and SIGINT. Must be called before the signals can arrive to take
     * effect; later signals of either kind call {@code System.exit(0)}.
     */
    public static void onTermSignals() {
        Signal.handle(new Signal("TERM"), s -> System.exit(0));
        Signal.handle(new Signal("INT"), s -> System.exit(0));
    }
}
