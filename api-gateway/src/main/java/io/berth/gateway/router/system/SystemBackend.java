package io.berth.gateway.router.system;

import io.berth.gateway.host.SystemFacts;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.util.List;

/**
 * What {@link SystemRouter} needs for Docker Engine API 1.41 {@code GET /info} and {@code GET /version}: the
 * engine's containers, the storage service's summary, and the host's and the gateway's measured facts.
 */
public interface SystemBackend {
    /**
     * engine ListContainers(all=true).
     *
     * @return every container, running or not
     * @throws io.berth.common.errors.BerthException the engine's error (e.g. 503 when it is down)
     */
    List<Container> listAllContainers();

    /**
     * storage GetStorageInfo.
     *
     * @return driver, driver status, image count and data root
     * @throws io.berth.common.errors.BerthException the storage service's error
     */
    GetStorageInfoResponse storageInfo();

    /**
     * The host's and the gateway's facts, measured now (host files, cgroups, sysctls, fds, debug flag, events
     * streams).
     *
     * @return the facts
     */
    SystemFacts systemFacts();
}
