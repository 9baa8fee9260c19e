package io.berth.common.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * A service's view of the daemon settings: reads the file berthd names in the system property
 * {@value #PROPERTY} at {@link #install()}, sets the log level from it, and reads it again on SIGHUP (which berthd
 * forwards after it rewrote the file on its own SIGHUP), logging what changed and telling the listeners. Without
 * the property (a service started by hand) the settings are {@link DaemonSettings#DEFAULTS} and SIGHUP keeps the
 * JVM's default (exit).
 */
public final class SettingsReload {
    /** The system property naming the settings file, {@code <exec-root>/daemon-settings.json}. */
    public static final String PROPERTY = "berth.settings.file";

    private static final Logger LOG = LogManager.getLogger(SettingsReload.class);
    private static final List<BiConsumer<DaemonSettings, DaemonSettings>> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile DaemonSettings current;
    private static volatile Path file;

    private SettingsReload() {
    }

    /**
     * Reads the settings file named by {@value #PROPERTY} (if set), applies its log level, and handles SIGHUP. Call
     * once, early in a service's main.
     */
    public static synchronized void install() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isEmpty() || file != null) {
            return;
        }
        file = Path.of(p);
        try {
            current = DaemonSettings.read(file);
            Configurator.setRootLevel(current.level());
        } catch (IOException e) {
            LOG.warn("cannot read the daemon settings {}: {}; using the defaults", file, e.toString());
            current = DaemonSettings.DEFAULTS;
        }
        Signal.handle(new Signal("HUP"), s -> reload());
    }

    /** @return true if this process reads berthd's settings file */
    public static boolean installed() {
        return file != null;
    }

    /** @return the settings now ({@link DaemonSettings#DEFAULTS} if not installed) */
    public static DaemonSettings current() {
        DaemonSettings c = current;
        return c == null ? DaemonSettings.DEFAULTS : c;
    }

    /**
     * @param listener called with (before, after) after each reload that read the file, on the signal's thread; it
     *     must return quickly
     */
    public static void onReload(BiConsumer<DaemonSettings, DaemonSettings> listener) {
        LISTENERS.add(listener);
    }

    /** Reads the file again; on failure keeps the settings and logs why. Runs on SIGHUP. */
    static synchronized void reload() {
        DaemonSettings before = current();
        DaemonSettings after;
        try {
            after = DaemonSettings.read(file);
        } catch (IOException e) {
            LOG.error("reload: cannot read the daemon settings {}: {}; keeping the current ones", file, e.toString());
            return;
        }
        current = after;
        if (after.level() != before.level()) {
            Configurator.setRootLevel(after.level());
        }
        List<String> changes = after.changesFrom(before);
        LOG.info("reloaded the daemon settings: {}", changes.isEmpty() ? "nothing changed" : String.join(", ", changes));
        for (BiConsumer<DaemonSettings, DaemonSettings> l : LISTENERS) {
            try {
                l.accept(before, after);
            } catch (RuntimeException e) {
                LOG.error("reload listener failed", e);
            }
        }
    }
}
