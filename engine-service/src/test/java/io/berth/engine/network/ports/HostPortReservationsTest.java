package io.berth.engine.network.ports;

import io.berth.engine.container.ContainerPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InternalException;
import io.berth.engine.network.PortMapping;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on 127.0.0.1 (no root needed): what a reservation holds, that another bind then fails, the
 * dockerd error texts, all-or-nothing, and that release frees the ports at once.
 */
class HostPortReservationsTest {
    private static final String LO = "127.0.0.1";
    private final HostPortReservations reservations = new HostPortReservations();

    @AfterEach
    void releaseAll() {
        for (String id : List.of("a", "b")) {
            reservations.release(id);
        }
    }

    private static PortRequest tcp(int container, int hostStart, int hostEnd) {
        return new PortRequest(new ContainerPort(container, "tcp"), LO, hostStart, hostEnd);
    }

    /** @return a port that was free a moment ago */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(LO))) {
            return s.getLocalPort();
        }
    }

    private static boolean tcpBindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(LO, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean udpBindable(int port) {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(LO, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void reserve_holdsTheHostPort_untilRelease() throws IOException {
        int port = freePort();

        List<PortMapping> m = reservations.reserve("a", "web", "ep1", List.of(tcp(80, port, port)));

        assertEquals(List.of(new PortMapping("tcp", 80, LO, port)), m);
        assertEquals(m, reservations.published("a"));
        assertTrue(!tcpBindable(port), "another program cannot listen on a held port, even with SO_REUSEADDR");
        reservations.release("a");
        assertTrue(tcpBindable(port), "released at once");
        assertEquals(List.of(), reservations.published("a"));
    }

    @Test
    void reserve_udp_holdsAUdpSocket() throws IOException {
        int port = freePort();

        reservations.reserve("a", "web", "ep1", List.of(new PortRequest(new ContainerPort(53, "udp"), LO, port,
                port)));

        assertTrue(!udpBindable(port));
        assertTrue(tcpBindable(port), "udp only");
    }

    @Test
    void reserve_ephemeral_aPortOfTheKernelRange() throws IOException {
        List<String> range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        String[] bounds = range.get(0).trim().split("\\s+");

        List<PortMapping> m = reservations.reserve("a", "web", "ep1", List.of(tcp(80, 0, 0), tcp(443, 0, 0)));

        for (PortMapping p : m) {
            assertTrue(p.hostPort() >= Integer.parseInt(bounds[0]) && p.hostPort() <= Integer.parseInt(bounds[1]),
                    p + " within " + range);
            assertTrue(!tcpBindable(p.hostPort()));
        }
        assertNotEquals(m.get(0).hostPort(), m.get(1).hostPort());
    }

    @Test
    void reserve_portHeldByAnotherContainer_alreadyAllocatedAndNothingHeld() throws IOException {
        int port = freePort();
        int other = freePort();
        reservations.reserve("a", "web", "ep1", List.of(tcp(80, port, port)));

        InternalException e = assertThrows(InternalException.class, () -> reservations.reserve("b", "db",
                "ep2", List.of(tcp(81, other, other), tcp(80, port, port))));

        assertEquals("driver failed programming external connectivity on endpoint db (ep2): Bind for " + LO + ":"
                + port + " failed: port is already allocated", e.getMessage());
        assertEquals(List.of(), reservations.published("b"));
        assertTrue(tcpBindable(other), "the port held before the failure was let go");
    }

    @Test
    void reserve_samePortTwiceInOneContainer_alreadyAllocated() throws IOException {
        int port = freePort();

        InternalException e = assertThrows(InternalException.class, () -> reservations.reserve("a", "web", "ep1",
                List.of(tcp(80, port, port), tcp(81, port, port))));

        assertTrue(e.getMessage().endsWith("Bind for " + LO + ":" + port + " failed: port is already allocated"),
                e.getMessage());
        assertTrue(tcpBindable(port));
    }

    @Test
    void reserve_portHeldByAnotherProgram_userlandProxyText() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(LO))) {
            int port = s.getLocalPort();

            InternalException e = assertThrows(InternalException.class, () -> reservations.reserve("a", "web",
                    "ep1", List.of(tcp(80, port, port))));

            assertEquals("driver failed programming external connectivity on endpoint web (ep1): Error starting"
                    + " userland proxy: listen tcp4 " + LO + ":" + port + ": bind: address already in use",
                    e.getMessage());
        }
    }

    @Test
    void reserve_addressNotOnThisHost_cannotAssign() {
        InternalException e = assertThrows(InternalException.class, () -> reservations.reserve("a", "web", "ep1",
                List.of(new PortRequest(new ContainerPort(80, "tcp"), "203.0.113.77", 8080, 8080))));

        assertTrue(e.getMessage().endsWith("listen tcp4 203.0.113.77:8080: bind: cannot assign requested address"),
                e.getMessage());
    }

    @Test
    void reserve_range_firstFreePort() throws IOException {
        int port = freePort();
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(LO, port));
            int start = port;
            List<PortMapping> m;
            try {
                m = reservations.reserve("a", "web", "ep1", List.of(tcp(80, start, start + 3)));
            } catch (InternalException e) {
                return; // the three ports after it happen to be taken: nothing to check on this host
            }
            assertTrue(m.get(0).hostPort() > start && m.get(0).hostPort() <= start + 3, m.toString());
        }
    }

    @Test
    void reserve_rangeWithoutAFreePort_allPortsAllocated() throws IOException {
        List<PortMapping> held = reservations.reserve("a", "web", "ep1", List.of(tcp(80, 0, 0)));
        int port = held.get(0).hostPort();

        InternalException e = assertThrows(InternalException.class, () -> reservations.reserve("b", "db", "ep2",
                List.of(tcp(80, port, port), tcp(81, 0, 0))));
        assertTrue(e.getMessage().endsWith("port is already allocated"), e.getMessage());
        e = assertThrows(InternalException.class, () -> reservations.reserve("b", "db", "ep2",
                List.of(new PortRequest(new ContainerPort(80, "tcp"), LO, port, port), tcp(81, port, port))));
        assertTrue(e.getMessage().endsWith("port is already allocated"), e.getMessage());
        try (ServerSocket next = new ServerSocket()) {
            next.bind(new InetSocketAddress(LO, port + 1));
            e = assertThrows(InternalException.class, () -> reservations.reserve("b", "db", "ep2",
                    List.of(tcp(80, port, port + 1))));
            assertEquals("driver failed programming external connectivity on endpoint db (ep2): all ports are"
                    + " allocated", e.getMessage(), "one held by berth, the other by another program");
        } catch (BindException busy) {
            // port + 1 is in use on this host already: the range case cannot be set up here
        }
        assertEquals(List.of(), reservations.published("b"));
    }

    @Test
    void reserve_again_releasesWhatTheContainerHeld() throws IOException {
        int first = freePort();
        reservations.reserve("a", "web", "ep1", List.of(tcp(80, first, first)));
        int second = freePort();

        reservations.reserve("a", "web", "ep1", List.of(tcp(80, second, second)));

        assertTrue(tcpBindable(first));
        assertTrue(!tcpBindable(second));
    }

    @Test
    void reacquire_holdsTheRecordedPortsAgain_skipsATakenOne() throws IOException {
        int free = freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName(LO))) {
            List<PortMapping> recorded = List.of(new PortMapping("tcp", 80, LO, free),
                    new PortMapping("tcp", 81, LO, taken.getLocalPort()));

            reservations.reacquire("a", recorded);

            assertEquals(recorded, reservations.published("a"), "both stay listed: the DNAT rules still exist");
            assertTrue(!tcpBindable(free));
        }
    }

    @Test
    void release_unknownContainer_noop() {
        reservations.release("nosuch");
        assertEquals(List.of(), reservations.published("nosuch"));
    }

    @Test
    void proxyError_bindExceptionText_goStyle() {
        assertEquals("Error starting userland proxy: listen udp4 0.0.0.0:53: bind: address already in use",
                HostPortReservations.proxyError("udp", "0.0.0.0", 53, new BindException("Address already in use")));
    }
}
