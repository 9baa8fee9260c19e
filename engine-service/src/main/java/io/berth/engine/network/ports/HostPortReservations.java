package io.berth.engine.network.ports;

import io.berth.common.errors.InternalException;
import io.berth.engine.network.PortMapping;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The host ports containers publish, held by the engine: one IPv4 socket bound (never listening, never
 * connected) per published host port and protocol, on the binding's host address or 0.0.0.0, from before the
 * container's CNI ADD until it stops. The {@code portmap} plugin only writes DNAT rules and binds nothing, so
 * without this socket another program (or another container) could take the port and a second
 * {@code docker run -p 8080:80} would succeed silently; with it, a port in use fails the start the way dockerd's
 * port allocator and docker-proxy do (libnetwork portallocator {@code ErrPortAlreadyAllocated}, portmapper's
 * "Error starting userland proxy").
 *
 * <p>A TCP socket that is bound but not listening reserves the port (another {@code bind} gets EADDRINUSE, even
 * with SO_REUSEADDR, since ours has it off) yet never takes a connection: a SYN that reaches it, before the DNAT
 * rule exists, gets a reset instead of hanging in an accept queue nobody drains. Traffic that is DNATed by
 * {@code portmap} never reaches these sockets. Ephemeral ports ({@code -p 80}, {@code -P}) are bind(0): the
 * kernel picks a free one from {@code /proc/sys/net/ipv4/ip_local_port_range}, as dockerd's allocator reads that
 * range.
 *
 * <p>The sockets belong to the engine process: if it dies they close with it, and the next engine reacquires
 * the ports of running containers from their records ({@link #reacquire}). All methods are thread-safe; one lock
 * makes every allocation atomic against the others, so two starts never get the same port.
 */
@Singleton
public class HostPortReservations {
    private static final Logger LOG = LogManager.getLogger(HostPortReservations.class);

    /** What one container holds. */
    private record Held(List<PortMapping> mappings, List<Closeable> sockets) {
    }

    private final Map<String, Held> held = new HashMap<>();

    /**
     * Holds a host port for every request, all or nothing. A container that holds ports already gets them
     * released first (a restart reserves again).
     *
     * @param containerId the container
     * @param endpointName the endpoint's name for the error text (the container's name without "/", as dockerd)
     * @param endpointId the endpoint's ID for the error text
     * @param requests the ports to hold ({@link PublishedPorts#requests}), in that order
     * @return the mappings held, one per request, host ports resolved, in the order of the requests
     * @throws InternalException (500) {@code driver failed programming external connectivity on endpoint <name>
     *     (<id>): Bind for 0.0.0.0:8080 failed: port is already allocated} for a port another berth container (or
     *     this one) holds, {@code ...: Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address
     *     already in use} for one another program holds, {@code ...: all ports are allocated} for a range without
     *     a free port; nothing stays held
     */
    public synchronized List<PortMapping> reserve(String containerId, String endpointName, String endpointId,
                                                  List<PortRequest> requests) {
        release(containerId);
        List<PortMapping> mappings = new ArrayList<>();
        List<Closeable> sockets = new ArrayList<>();
        Set<String> taken = takenKeys();
        try {
            for (PortRequest r : requests) {
                Bound b = bind(r, taken);
                taken.add(key(r.port().protocol(), r.bindIp(), b.port()));
                sockets.add(b.socket());
                mappings.add(new PortMapping(r.port().protocol(), r.port().port(), r.hostIp(), b.port()));
            }
        } catch (PortInUse e) {
            sockets.forEach(HostPortReservations::closeQuietly);
            throw new InternalException("driver failed programming external connectivity on endpoint "
                    + endpointName + " (" + endpointId + "): " + e.getMessage());
        }
        if (!mappings.isEmpty()) {
            held.put(containerId, new Held(List.copyOf(mappings), sockets));
            LOG.info("container {} holds host ports {}", containerId, mappings);
        }
        return List.copyOf(mappings);
    }

    /**
     * Holds again the ports of a container that kept running while no engine ran (at recovery, from its
     * records). A port another program took meanwhile is logged and skipped: the DNAT rules still send its
     * traffic to the container, and the mapping stays listed.
     *
     * @param containerId the container
     * @param mappings what it published, host ports resolved
     */
    public synchronized void reacquire(String containerId, List<PortMapping> mappings) {
        release(containerId);
        if (mappings.isEmpty()) {
            return;
        }
        List<Closeable> sockets = new ArrayList<>();
        for (PortMapping m : mappings) {
            try {
                sockets.add(open(m.protocol(), m.shownHostIp(), m.hostPort()));
            } catch (IOException e) {
                LOG.warn("container {}: cannot hold host port {}:{}/{} again: {}", containerId, m.shownHostIp(),
                        m.hostPort(), m.protocol(), e.getMessage());
            }
        }
        held.put(containerId, new Held(List.copyOf(mappings), sockets));
    }

    /**
     * Closes the container's sockets (idempotent): its host ports are free at once.
     *
     * @param containerId the container
     */
    public synchronized void release(String containerId) {
        Held h = held.remove(containerId);
        if (h != null) {
            h.sockets().forEach(HostPortReservations::closeQuietly);
            LOG.info("container {} released host ports {}", containerId, h.mappings());
        }
    }

    /**
     * @param containerId the container
     * @return the mappings it holds, in reservation order; empty when it holds none
     */
    public synchronized List<PortMapping> published(String containerId) {
        Held h = held.get(containerId);
        return h == null ? List.of() : h.mappings();
    }

    /** A bound socket and its port. */
    private record Bound(Closeable socket, int port) {
    }

    /** Why a request cannot be held; the message is dockerd's text after "endpoint x (id): ". */
    private static final class PortInUse extends Exception {
        private static final long serialVersionUID = 1L;

        PortInUse(String message) {
            super(message, null, false, false);
        }
    }

    private Bound bind(PortRequest r, Set<String> taken) throws PortInUse {
        String proto = r.port().protocol();
        String ip = r.bindIp();
        if (r.ephemeral()) {
            try {
                NetworkChannel c = open(proto, ip, 0);
                return new Bound(c, ((InetSocketAddress) c.getLocalAddress()).getPort());
            } catch (IOException e) {
                throw new PortInUse(proxyError(proto, ip, 0, e));
            }
        }
        boolean range = r.hostPortEnd() > r.hostPortStart();
        IOException last = null;
        for (int port = r.hostPortStart(); port <= r.hostPortEnd(); port++) {
            if (taken.contains(key(proto, ip, port))) {
                if (!range) {
                    throw new PortInUse("Bind for " + ip + ":" + port + " failed: port is already allocated");
                }
                continue;
            }
            try {
                return new Bound(open(proto, ip, port), port);
            } catch (IOException e) {
                if (!range) {
                    throw new PortInUse(proxyError(proto, ip, port, e));
                }
                last = e;
            }
        }
        LOG.debug("no free port in {}-{} for {}: {}", r.hostPortStart(), r.hostPortEnd(), r,
                last == null ? "all held by berth" : last.getMessage());
        throw new PortInUse("all ports are allocated");
    }

    /**
     * @return a bound IPv4 socket: TCP bound without listening, or UDP; SO_REUSEADDR off
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    private static NetworkChannel open(String proto, String ip, int port) throws IOException {
        NetworkChannel c = proto.equals("udp") ? DatagramChannel.open(StandardProtocolFamily.INET)
                : SocketChannel.open(StandardProtocolFamily.INET);
        try {
            c.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            c.bind(new InetSocketAddress(ip, port));
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * @return docker-proxy's failure as dockerd reports it: {@code Error starting userland proxy: listen tcp4
     *     0.0.0.0:8080: bind: address already in use} (Go's net.OpError text, errno text in lower case)
     */
    static String proxyError(String proto, String ip, int port, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof BindException && reason.contains("(")) {
            reason = reason.substring(0, reason.indexOf('(')).strip();
        }
        return "Error starting userland proxy: listen " + proto + "4 " + ip + ":" + port + ": bind: "
                + reason.toLowerCase(Locale.ROOT);
    }

    private Set<String> takenKeys() {
        Set<String> out = new HashSet<>();
        held.values().forEach(h -> h.mappings().forEach(m -> out.add(key(m.protocol(), m.shownHostIp(),
                m.hostPort()))));
        return out;
    }

    private static String key(String proto, String ip, int port) {
        return proto + " " + ip + ":" + port;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.warn("cannot close a host port socket: {}", e.getMessage());
        }
    }
}
