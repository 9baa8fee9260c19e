package io.berth.daemon;

import io.berth.common.settings.DaemonSettings;
import io.berth.common.sys.ProcessSignals;
import io.berth.daemon.config.ConfigFileException;
import io.berth.daemon.config.FileSettings;
import io.berth.daemon.config.SettingsMerge;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * berthd's SIGHUP (dockerd's {@code reloadConfig}): reads the configuration file again, makes the new settings
 * ({@link SettingsMerge#reload}), writes them to {@code <exec-root>/daemon-settings.json} and forwards SIGHUP to every
 * running service, which reads them (the gateway then publishes the daemon {@code reload} event). A refused file is
 * logged with dockerd's text and changes nothing. Containers are never touched.
 */
final class SettingsReloader {
    private static final Logger LOG = LogManager.getLogger(SettingsReloader.class);

    private final DaemonConfig config;
    private final Supplier<Map<ServiceKind, Long>> pids;
    private DaemonSettings current;

    /**
     * @param config berthd's settings at start
     * @param pids the running services' pids
     */
    SettingsReloader(DaemonConfig config, Supplier<Map<ServiceKind, Long>> pids) {
        this.config = config;
        this.pids = pids;
        this.current = config.settings();
    }

    /**
     * Writes the settings file the services read at start.
     *
     * @throws IOException if it cannot be written
     */
    void writeInitial() throws IOException {
        config.settings().write(config.settingsFile());
    }

    /** Handles SIGHUP from now on. */
    void installSignalHandler() {
        Signal.handle(new Signal("HUP"), s -> reload());
    }

    /**
     * Reloads once.
     *
     * @return true if the settings were reloaded, false if the file was refused (nothing changed then)
     */
    synchronized boolean reload() {
        LOG.info("Got signal to reload configuration, reloading from: {}", config.source().file());
        DaemonSettings next;
        try {
            FileSettings file = config.source().readFile();
            next = SettingsMerge.reload(current, config.source().flags(), file);
        } catch (ConfigFileException | IllegalArgumentException e) {
            LOG.error("Error reconfiguring the daemon: {}", e.getMessage());
            return false;
        }
        try {
            next.write(config.settingsFile());
        } catch (IOException e) {
            LOG.error("Error reconfiguring the daemon: cannot write {}: {}", config.settingsFile(), e.toString());
            return false;
        }
        List<String> changes = next.changesFrom(current);
        current = next;
        Configurator.setRootLevel(next.level());
        LOG.info("Reloaded configuration: {}", next.toJson());
        LOG.info("reload changed: {}", changes.isEmpty() ? "nothing" : String.join(", ", changes));
        pids.get().forEach((kind, pid) -> {
            try {
                ProcessSignals.send(pid, ProcessSignals.SIGHUP);
            } catch (IOException e) {
                LOG.warn("cannot forward SIGHUP to {} (pid {}): {}", kind.processName(), pid, e.getMessage());
            }
        });
        return true;
    }

    /** @return the settings now */
    synchronized DaemonSettings current() {
        return current;
    }
}
