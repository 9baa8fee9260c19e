/**
 * Container networking (issue 8): the plumbing that gives a container's network namespace its interfaces
 * through the standard CNI plugins ({@link io.berth.engine.network.NetworkPlumbing}, implemented by
 * {@code cni/CniPlumbing}), the persistent network namespaces under the exec root
 * ({@link io.berth.engine.network.NetworkNamespaces}), the values that cross the plumbing's boundary
 * ({@link io.berth.engine.network.NetworkDefinition}, {@link io.berth.engine.network.EndpointRequest},
 * {@link io.berth.engine.network.Endpoint}, {@link io.berth.engine.network.PortMapping}), the endpoint records
 * that let a later engine undo what a killed one did ({@link io.berth.engine.network.EndpointStore}), the default
 * {@code bridge} network ({@link io.berth.engine.network.DefaultBridge}), a run's network per its NetworkMode
 * ({@link io.berth.engine.network.ContainerNetworks}, released through {@code runtime/RunNetwork}) and published
 * ports ({@code ports/}). {@code cni/} runs the plugins.
 *
 * <p>Layer 4: may import {@code config}, {@code container} and {@code runtime}.
 */
package io.berth.engine.network;
