/**
 * Published ports (issue 8, Docker's {@code -p}/{@code -P}): the checks of PortBindings, ExposedPorts and
 * PublishAllPorts at create with dockerd 20.10's texts ({@link io.berth.engine.network.ports.PublishedPorts}),
 * the host ports to hold at start in dockerd's order ({@link io.berth.engine.network.ports.PortRequest}), the
 * sockets that hold them while the container runs ({@link io.berth.engine.network.ports.HostPortReservations}),
 * and Docker's {@code NetworkSettings.Ports} ({@link io.berth.engine.network.ports.PortMap}). The DNAT rules
 * themselves are the CNI {@code portmap} plugin's, given the held mappings through
 * {@link io.berth.engine.network.EndpointRequest#portMappings}.
 *
 * <p>Layer 4, with {@code network}: may import {@code config}, {@code container}, {@code runtime} and
 * {@code network}.
 */
package io.berth.engine.network.ports;
