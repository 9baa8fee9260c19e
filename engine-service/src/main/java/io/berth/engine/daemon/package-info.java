/**
 * What starts and stops the engine: the reload of containers at start-up (ContainerRecovery), the clean
 * stop at shut-down (EngineShutdown) and the removal of the parent cgroup (CgroupParent).
 *
 * <p>Layer 8: may import every lower layer, never {@code grpc} or the root package.
 */
package io.berth.engine.daemon;
