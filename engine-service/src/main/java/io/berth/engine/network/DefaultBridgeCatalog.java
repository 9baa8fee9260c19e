package io.berth.engine.network;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** A {@link NetworkCatalog} of the default {@code bridge} network alone (name "bridge" or its ID). */
@Singleton
public final class DefaultBridgeCatalog implements NetworkCatalog {
    private final DefaultBridge bridge;

    /** @param bridge the default bridge */
    @Inject
    public DefaultBridgeCatalog(DefaultBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public NetworkDefinition defaultBridge() {
        return bridge.definition();
    }

    @Override
    public Optional<NetworkDefinition> find(String nameOrId) {
        NetworkDefinition d = bridge.definition();
        boolean match = nameOrId.equals(d.name()) || nameOrId.equals(d.id())
                || nameOrId.length() >= 1 && d.id().startsWith(nameOrId);
        return match ? Optional.of(d) : Optional.empty();
    }
}
