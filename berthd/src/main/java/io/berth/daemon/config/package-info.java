/**
 * berthd's {@code --config-file} (dockerd's {@code daemon.json}): the keys berthd accepts ({@link
 * io.berth.daemon.config.ConfigKey}), reading and refusing a file with dockerd 20.10's texts ({@link
 * io.berth.daemon.config.ConfigFile}), and the settings the services get, at start and on SIGHUP ({@link
 * io.berth.daemon.config.SettingsMerge}).
 */
package io.berth.daemon.config;
