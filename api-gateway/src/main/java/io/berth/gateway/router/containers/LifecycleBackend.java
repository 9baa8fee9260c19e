package io.berth.gateway.router.containers;

import io.berth.proto.engine.v1.PauseContainerRequest;
import io.berth.proto.engine.v1.PruneContainersRequest;
import io.berth.proto.engine.v1.PruneContainersResponse;
import io.berth.proto.engine.v1.RenameContainerRequest;
import io.berth.proto.engine.v1.RestartContainerRequest;
import io.berth.proto.engine.v1.TopContainerRequest;
import io.berth.proto.engine.v1.TopContainerResponse;
import io.berth.proto.engine.v1.UnpauseContainerRequest;
import io.berth.proto.engine.v1.UpdateContainerRequest;
import io.berth.proto.engine.v1.UpdateContainerResponse;

/**
 * What {@link ContainerLifecycleRouter} needs from the engine (berth.engine.v1.ContainerLifecycle,
 * lifecycle.proto). Each method takes the rpc's request and throws the engine's
 * {@link io.berth.common.errors.BerthException} category.
 */
public interface LifecycleBackend {
    /** @param request PauseContainer */
    void pause(PauseContainerRequest request);

    /** @param request UnpauseContainer */
    void unpause(UnpauseContainerRequest request);

    /** @param request RenameContainer */
    void rename(RenameContainerRequest request);

    /** @return UpdateContainer: dockerd's warnings */
    UpdateContainerResponse update(UpdateContainerRequest request);

    /** @return TopContainer: titles and rows */
    TopContainerResponse top(TopContainerRequest request);

    /** @param request RestartContainer */
    void restart(RestartContainerRequest request);

    /** @return PruneContainers: the removed IDs and the bytes freed */
    PruneContainersResponse prune(PruneContainersRequest request);
}
