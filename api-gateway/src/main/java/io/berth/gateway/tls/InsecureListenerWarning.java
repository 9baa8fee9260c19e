package io.berth.gateway.tls;

import io.berth.common.net.HostAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The loud warning for a TCP listener without {@code --tlsverify}: at start, dockerd 20.10's two lines
 * ("Binding to IP address without --tlsverify is insecure and gives root access on this machine to everyone who
 * has access to your network." and "Binding to an IP address, even on localhost, can also give access to scripts
 * run in a browser. Be safe out there!"), each with the address; and, for an address that is not loopback, the
 * first line again every minute for as long as the daemon runs (berth's choice over a flag that would have to be
 * given to allow it: scripts written for dockerd keep working, and the log keeps saying it). dockerd 20.10 also
 * sleeps 15 s at start in this case; berth does not. {@code docker info} carries the same facts in its Warnings
 * ({@code InfoWarnings.api}).
 */
public final class InsecureListenerWarning {
    private static final Logger LOG = LogManager.getLogger(InsecureListenerWarning.class);
    /** The first line of dockerd's warning. */
    public static final String INSECURE = "Binding to IP address without --tlsverify is insecure and gives root "
            + "access on this machine to everyone who has access to your network.";
    /** The second line of dockerd's warning. */
    public static final String BROWSER = "Binding to an IP address, even on localhost, can also give access to "
            + "scripts run in a browser. Be safe out there!";

    private InsecureListenerWarning() {
    }

    /**
     * Logs the warnings for the TCP addresses served without client verification and starts the minute-by-minute
     * repeat for the ones that are not loopback (a daemon thread).
     *
     * @param hosts the {@code -H} addresses
     * @param tls the TLS flags
     */
    public static void start(List<HostAddress> hosts, TlsSettings tls) {
        if (tls.verify()) {
            return;
        }
        List<HostAddress> tcp = hosts.stream().filter(HostAddress::isTcp).toList();
        for (HostAddress h : tcp) {
            LOG.warn("{} host={}", INSECURE, h.spec());
            LOG.warn("{} host={}", BROWSER, h.spec());
        }
        List<HostAddress> exposed = tcp.stream().filter(h -> !isLoopback(h.host())).toList();
        if (exposed.isEmpty()) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "insecure-listener-warning");
            t.setDaemon(true);
            return t;
        });
        s.scheduleAtFixedRate(() -> exposed.forEach(h -> LOG.warn("{} host={}", INSECURE, h.spec())),
                1, 1, TimeUnit.MINUTES);
    }

    /**
     * @param host a host name or address
     * @return true if it resolves to a loopback address only
     */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
