package io.berth.gateway.daemon;

import io.berth.common.events.EventPublisher;
import io.berth.common.settings.DaemonSettings;
import io.berth.common.settings.SettingsReload;
import io.berth.gateway.types.system.DaemonId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes dockerd's daemon {@code reload} event after each SIGHUP reload of the settings (moby 20.10
 * daemon/reload.go, {@code LogDaemonEventWithAttributes}): Type "daemon", Action "reload", Actor ID the daemon's ID
 * (as {@code docker info} shows it), attributes the reloadable settings plus "name", the host name.
 */
public final class ReloadEvents {
    private final EventPublisher events;
    private final Supplier<String> hostname;
    private final String dataRoot;
    private final Clock clock;

    /**
     * @param events where events go (the monitor)
     * @param hostname the host's name, read at each event
     * @param dataRoot the daemon's data root (for its ID)
     * @param clock the event's time
     */
    public ReloadEvents(EventPublisher events, Supplier<String> hostname, String dataRoot, Clock clock) {
        this.events = events;
        this.hostname = hostname;
        this.dataRoot = dataRoot;
        this.clock = clock;
    }

    /** Publishes the event after every reload from now on. */
    public void install() {
        SettingsReload.onReload((before, after) -> publish(after));
    }

    /**
     * @param settings the settings after the reload
     */
    void publish(DaemonSettings settings) {
        String name = hostname.get();
        Map<String, String> attributes = new java.util.LinkedHashMap<>(settings.reloadAttributes());
        attributes.put("name", name);
        Instant now = clock.instant();
        events.publish("daemon", "reload", DaemonId.of(name, dataRoot), attributes,
                now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }
}
