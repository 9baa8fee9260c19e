package io.berth.engine.network;

import io.berth.common.errors.NotFoundException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The {@link NetworkCatalog} of the {@code /networks} API: the default bridge ({@link DefaultBridge}) and the
 * user-defined bridge networks of {@link NetworkService} (by name, full ID or unique ID prefix). The predefined
 * host and none networks are not attachable and are not found here.
 */
@Singleton
public final class StoredNetworkCatalog implements NetworkCatalog {
    private final DefaultBridge bridge;
    private final NetworkService networks;

    /**
     * @param bridge the default bridge
     * @param networks the network records
     */
    @Inject
    public StoredNetworkCatalog(DefaultBridge bridge, NetworkService networks) {
        this.bridge = bridge;
        this.networks = networks;
    }

    @Override
    public NetworkDefinition defaultBridge() {
        return bridge.definition();
    }

    @Override
    public Optional<NetworkDefinition> find(String nameOrId) {
        try {
            NetworkService.View v = networks.find(nameOrId);
            if (v.builtin()) {
                return v.record().name().equals("bridge") ? Optional.of(bridge.definition()) : Optional.empty();
            }
            return Optional.of(v.record().definition());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
