package io.berth.gateway.router.system;

import io.berth.proto.engine.v1.Container;
import io.berth.proto.storage.v1.GetStorageInfoResponse;
import java.util.List;

/** What {@link SystemRouter} needs from the services (Docker Engine API 1.41 {@code GET /info}). */
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
}
