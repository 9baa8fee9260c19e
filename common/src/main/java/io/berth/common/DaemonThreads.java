package io.berth.common;

import java.util.concurrent.ThreadFactory;

/**
 * Thread factories for the services' background executors: daemon threads (they never keep a JVM alive past
 * its shutdown hook) with one name for the pool, as thread dumps and the services' logs show them.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * @param name the threads' name, e.g. {@code "log-watch"}
     * @return a factory of daemon threads of that name
     */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
