package io.berth.engine.network;

import java.util.Optional;

/**
 * The networks containers can be attached to, as the container lifecycle looks them up. This part (issue 8 part
 * 1) binds {@link DefaultBridgeCatalog}: only the default {@code bridge} network. The {@code /networks} API's
 * store (part 2) binds its own implementation, answering for user-defined networks too.
 */
public interface NetworkCatalog {
    /** @return the default {@code bridge} network (NetworkMode "bridge" / "default") */
    NetworkDefinition defaultBridge();

    /**
     * @param nameOrId a network's name, full ID or unique ID prefix
     * @return the network, or empty if there is none
     */
    Optional<NetworkDefinition> find(String nameOrId);
}
