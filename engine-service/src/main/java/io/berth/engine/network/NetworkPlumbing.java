package io.berth.engine.network;

/**
 * What gives containers their network interfaces, addresses, routes, masquerading and published ports
 * (issue 8). The implementation ({@code cni/CniPlumbing}) runs Debian's CNI plugins from {@code /usr/lib/cni}
 * (package containernetworking-plugins) per the CNI spec 1.0.0: {@code bridge} with {@code host-local} IPAM
 * (leases in {@code <data-root>/network/ipam/<network-id>/}), {@code portmap} for published ports,
 * {@code loopback} for {@code lo}.
 *
 * <p>Contract for callers (the container lifecycle, the {@code /networks} API):
 * <ul>
 *   <li>{@link #ensureNetwork} before the first {@link #attach} to a network (idempotent, cheap when the bridge
 *       exists); {@link #removeNetwork} when the network is deleted (no container may be attached).</li>
 *   <li>The caller persists the {@link EndpointRequest} (see {@link EndpointStore}) <em>before</em>
 *       {@link #attach}, so a crash during it can be undone with {@link #detach} from the records alone.</li>
 *   <li>{@link #attach} either succeeds completely or undoes what it did (CNI DEL: no veth, lease or iptables rule
 *       left) and throws.</li>
 *   <li>{@link #detach} is idempotent and never throws for what is already gone (a missing netns, interface,
 *       lease or rule); it logs and goes on, since it runs on error paths, at exit and at recovery.</li>
 *   <li>Calls for one container are made under that container's lock; calls for different containers may run
 *       concurrently (host-local locks its own directory).</li>
 * </ul>
 */
public interface NetworkPlumbing {
    /**
     * Makes the network's Linux bridge exist with its gateway address(es), up (idempotent). Done by berth
     * before any CNI call so that the subnet is visible on the host at once (another daemon probing for a free
     * subnet sees it as a route).
     *
     * @param network the network
     * @throws io.berth.common.errors.InternalException if the bridge cannot be made
     */
    void ensureNetwork(NetworkDefinition network);

    /**
     * Deletes the network's bridge and its IPAM directory (idempotent). Rules of containers were removed by their
     * {@link #detach}.
     *
     * @param network the network
     */
    void removeNetwork(NetworkDefinition network);

    /**
     * Attaches a container's network namespace to a network: CNI ADD of the network's configuration list
     * ({@code bridge}+{@code host-local}, then {@code portmap} when the request has port mappings), with
     * CNI_CONTAINERID = the container ID, CNI_NETNS = {@link EndpointRequest#netnsPath}, CNI_IFNAME =
     * {@link EndpointRequest#interfaceName}.
     *
     * @param network the network ({@link #ensureNetwork} done)
     * @param request the attachment
     * @return the endpoint: addresses, gateway, MAC from the CNI result
     * @throws io.berth.common.errors.ConflictException for a requested address already in use
     * @throws io.berth.common.errors.InternalException when a plugin fails otherwise (its message included)
     */
    Endpoint attach(NetworkDefinition network, EndpointRequest request);

    /**
     * Undoes {@link #attach}: CNI DEL of the same configuration list (the portmap rules, the masquerade rules,
     * the veth and the host-local lease go). Idempotent; works when the namespace is already gone.
     *
     * @param network the network
     * @param request the attachment as it was requested (from the records)
     */
    void detach(NetworkDefinition network, EndpointRequest request);

    /**
     * Brings up {@code lo} in a network namespace (CNI {@code loopback} ADD). Every container with a network
     * namespace of its own gets this, {@code --network none} only this.
     *
     * @param containerId the container
     * @param netnsPath its namespace file
     */
    void loopback(String containerId, String netnsPath);
}
