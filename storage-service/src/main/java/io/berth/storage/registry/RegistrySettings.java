package io.berth.storage.registry;

import io.berth.common.settings.DaemonSettings;
import io.berth.common.settings.SettingsReload;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps storage's {@link RegistryClients} in step with the daemon settings ({@code insecure-registries},
 * {@code registry-mirrors}; common's {@link SettingsReload}): at start the service's {@code --insecure-registry}
 * flags together with the settings' values, after each SIGHUP the settings' values alone (berthd's reload already
 * decided them as dockerd's {@code Daemon.Reload}: the file's value if it sets the key, else the value before).
 * A reloaded list storage cannot use (a malformed CIDR) is logged and the previous one kept.
 */
public final class RegistrySettings {
    private static final Logger LOG = LogManager.getLogger(RegistrySettings.class);

    private RegistrySettings() {
    }

    /**
     * @param flagInsecure the service's {@code --insecure-registry} values
     * @return clients that follow the settings from now on
     */
    public static RegistryClients follow(List<String> flagInsecure) {
        DaemonSettings now = SettingsReload.current();
        Set<String> insecure = new LinkedHashSet<>(flagInsecure);
        insecure.addAll(now.insecureRegistries());
        RegistryClients clients = new RegistryClients(new RegistryHosts(List.copyOf(insecure)), now.registryMirrors());
        SettingsReload.onReload((before, after) -> apply(clients, before, after));
        return clients;
    }

    /**
     * Hands reloaded settings to the clients (the SIGHUP listener).
     *
     * @param clients the service's clients
     * @param before the settings before the reload
     * @param after the settings after it
     */
    static void apply(RegistryClients clients, DaemonSettings before, DaemonSettings after) {
        if (before.insecureRegistries().equals(after.insecureRegistries())
                && before.registryMirrors().equals(after.registryMirrors())) {
            return;
        }
        try {
            clients.reconfigure(new RegistryHosts(after.insecureRegistries()), after.registryMirrors());
            LOG.info("registries reconfigured: insecure {}, mirrors {}", after.insecureRegistries(),
                    after.registryMirrors());
        } catch (RuntimeException e) {
            LOG.error("reload: keeping the registry settings: {}", e.getMessage());
        }
    }
}
