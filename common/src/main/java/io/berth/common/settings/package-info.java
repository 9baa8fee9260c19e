/**
 * The daemon-wide settings berthd hands to every service and reloads on SIGHUP (dockerd's reloadable
 * {@code daemon.json} keys: debug, log-level, labels, insecure-registries, registry-mirrors, max-concurrent-*),
 * written by berthd to {@code <exec-root>/daemon-settings.json} (mode 0600) and read by each service at start and on
 * the SIGHUP berthd forwards ({@link io.berth.common.settings.SettingsReload}).
 */
package io.berth.common.settings;
