package io.berth.gateway.types.system;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The daemon's ID ({@code GET /info} "ID", and the Actor ID of daemon events): a name-based UUID of the host name
 * and the data root, so it stays the same across restarts of the same daemon (dockerd keeps a random one in
 * {@code <data-root>/engine-id}).
 */
public final class DaemonId {
    private DaemonId() {
    }

    /**
     * @param hostname the host's name
     * @param dataRoot the daemon's data root, as storage reports it
     * @return the ID, e.g. "0f3c...-..."
     */
    public static String of(String hostname, String dataRoot) {
        return UUID.nameUUIDFromBytes((hostname + ":" + dataRoot).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
