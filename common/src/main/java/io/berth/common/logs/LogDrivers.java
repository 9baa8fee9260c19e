package io.berth.common.logs;

import java.util.List;

/**
 * The container log drivers berth runs, in one place for the engine (which accepts them at create) and the
 * gateway (Docker Engine API 1.41 {@code GET /info}: {@code Plugins.Log}, dockerd's list of the drivers it
 * has). Every other driver is refused at create with dockerd's text for a driver it does not have
 * ({@link LogOptions}).
 */
public final class LogDrivers {
    /** Docker's default driver; berth writes it as conmon's k8s-file lines, not dockerd's JSON lines. */
    public static final String JSON_FILE = "json-file";
    /** No log at all ({@code docker logs} refuses). */
    public static final String NONE = "none";
    /** The drivers berth runs, in the order {@code docker info} lists them. */
    public static final List<String> AVAILABLE = List.of(JSON_FILE, NONE);

    private LogDrivers() {
    }
}
