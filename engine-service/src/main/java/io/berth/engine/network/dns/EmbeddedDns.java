package io.berth.engine.network.dns;

import io.berth.engine.container.ContainerIds;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.xbill.DNS.Message;

/**
 * The embedded DNS servers, one per running container on a user-defined network: UDP and TCP on 127.0.0.11:53
 * inside the container's network namespace (sockets made by {@link NetnsSockets}; see the package doc for why no
 * iptables rule is needed). Each server has two threads of its own ({@code dns-<short id>-udp/-tcp}) blocked on
 * its sockets; questions it cannot answer from {@link DnsNames} ({@link DnsAnswers}) are forwarded, from the
 * engine's own namespace, to the container's {@code --dns} servers when it has any (as dockerd), else to the
 * nameservers of the host's {@code /etc/resolv.conf}, in order (2 s each), and their answers relayed unchanged; none answering is SERVFAIL. {@link #stop} closes the sockets (the threads then
 * end); a container's namespace going away closes nothing by itself, so the caller stops the server when the run
 * ends. Not kept across engine restarts: the engine's start calls {@link #start} again for running containers.
 */
@Singleton
public class EmbeddedDns implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EmbeddedDns.class);
    /** The address dockerd's embedded DNS server answers on. */
    public static final String ADDRESS = "127.0.0.11";
    private static final int PORT = 53;
    private static final int FORWARD_TIMEOUT_MS = 2000;

    private final DnsNames names;
    private final Path hostResolvConf;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dns-forward");
        t.setDaemon(true);
        return t;
    });

    /** @param names the names of the containers' networks */
    @Inject
    public EmbeddedDns(DnsNames names) {
        this(names, Path.of("/etc/resolv.conf"));
    }

    /**
     * @param names the names of the containers' networks
     * @param hostResolvConf where the upstream nameservers are read from (at each forward: it may change)
     */
    public EmbeddedDns(DnsNames names, Path hostResolvConf) {
        this.names = names;
        this.hostResolvConf = hostResolvConf;
    }

    private record Server(DatagramChannel udp, ServerSocketChannel tcp) {
        void close() {
            try {
                udp.close();
            } catch (IOException e) {
                LOG.debug("closing a DNS socket: {}", e.toString());
            }
            try {
                tcp.close();
            } catch (IOException e) {
                LOG.debug("closing a DNS socket: {}", e.toString());
            }
        }
    }

    /**
     * Starts (or restarts) the server of a container.
     *
     * @param containerId the container
     * @param netns its network namespace file ({@code lo} up)
     * @throws io.berth.common.errors.InternalException if the sockets cannot be made (127.0.0.11:53 taken in the
     *     namespace, or the namespace cannot be entered)
     */
    public void start(String containerId, Path netns) {
        stop(containerId);
        Server s = NetnsSockets.inNamespace(netns, () -> {
            DatagramChannel udp = DatagramChannel.open();
            ServerSocketChannel tcp = ServerSocketChannel.open();
            try {
                InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ADDRESS), PORT);
                udp.bind(at);
                tcp.bind(at, 16);
                return new Server(udp, tcp);
            } catch (IOException e) {
                udp.close();
                tcp.close();
                throw e;
            }
        });
        servers.put(containerId, s);
        String tag = "dns-" + ContainerIds.shortId(containerId);
        daemon(tag + "-udp", () -> serveUdp(containerId, s.udp())).start();
        daemon(tag + "-tcp", () -> serveTcp(containerId, s.tcp())).start();
        LOG.info("embedded DNS of {} on {}:{} in {}", containerId, ADDRESS, PORT, netns);
    }

    /** @param containerId a container whose run ended: its server stops (no error if it has none) */
    public void stop(String containerId) {
        Server s = servers.remove(containerId);
        if (s != null) {
            s.close();
        }
    }

    /** @return true if the container has a server */
    public boolean isServing(String containerId) {
        return servers.containsKey(containerId);
    }

    @Override
    public void close() {
        for (String id : List.copyOf(servers.keySet())) {
            stop(id);
        }
        workers.shutdownNow();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void serveUdp(String containerId, DatagramChannel udp) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (udp.isOpen()) {
            try {
                buf.clear();
                SocketAddress from = udp.receive(buf);
                buf.flip();
                byte[] query = new byte[buf.remaining()];
                buf.get(query);
                Optional<byte[]> local = answerLocally(containerId, query);
                if (local.isPresent()) {
                    udp.send(ByteBuffer.wrap(local.get()), from);
                } else {
                    workers.execute(() -> {
                        try {
                            udp.send(ByteBuffer.wrap(forward(containerId, query)), from);
                        } catch (IOException e) {
                            LOG.debug("DNS reply to {}: {}", from, e.toString());
                        }
                    });
                }
            } catch (ClosedChannelException e) {
                LOG.debug("embedded DNS of {} closed", containerId);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("embedded DNS of {}: {}", containerId, e.toString());
            } catch (Throwable e) {
                LOG.error("embedded DNS of {} stops: {}", containerId, e.toString(), e);
                throw e;
            }
        }
        LOG.debug("embedded DNS of {} (udp) ends", containerId);
    }

    private void serveTcp(String containerId, ServerSocketChannel tcp) {
        while (tcp.isOpen()) {
            try {
                SocketChannel c = tcp.accept();
                workers.execute(() -> serveTcpConnection(containerId, c));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("embedded DNS of {} (tcp): {}", containerId, e.toString());
            }
        }
    }

    /** RFC 1035 4.2.2: each message is preceded by its length in two bytes; several per connection. */
    private void serveTcpConnection(String containerId, SocketChannel c) {
        try (c; Socket s = c.socket(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(10_000);
            while (true) {
                int hi = in.read();
                int lo = in.read();
                if (hi < 0 || lo < 0) {
                    return;
                }
                byte[] query = in.readNBytes(hi << 8 | lo);
                byte[] reply = answerLocally(containerId, query).orElseGet(() -> forward(containerId, query));
                out.write(new byte[] {(byte) (reply.length >> 8), (byte) reply.length});
                out.write(reply);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("embedded DNS of {} (tcp connection): {}", containerId, e.toString());
        }
    }

    private Optional<byte[]> answerLocally(String containerId, byte[] query) throws IOException {
        Message m = new Message(query);
        return DnsAnswers.answer(m, name -> names.lookup(containerId, name)).map(Message::toWire);
    }

    /**
     * @param containerId the asking container
     * @param query the question as received
     * @return the first upstream answer, or SERVFAIL
     */
    byte[] forward(String containerId, byte[] query) {
        for (InetAddress upstream : upstreams(containerId)) {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(FORWARD_TIMEOUT_MS);
                s.send(new DatagramPacket(query, query.length, upstream, PORT));
                DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
                s.receive(p);
                byte[] reply = new byte[p.getLength()];
                System.arraycopy(p.getData(), 0, reply, 0, p.getLength());
                return reply;
            } catch (SocketTimeoutException e) {
                LOG.debug("DNS upstream {} did not answer", upstream.getHostAddress());
            } catch (IOException e) {
                LOG.debug("DNS upstream {}: {}", upstream.getHostAddress(), e.toString());
            }
        }
        try {
            return DnsAnswers.serverFailure(new Message(query)).toWire();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * @param containerId the asking container
     * @return its {@code --dns} servers if it has any, else the host's nameservers ({@code nameserver} lines);
     *     127.0.0.11 (this server) and what is no IP address left out
     */
    List<InetAddress> upstreams(String containerId) {
        List<InetAddress> given = new ArrayList<>();
        for (String server : names.dnsServers(containerId)) {
            if (!server.equals(ADDRESS) && isIpLiteral(server)) {
                try {
                    given.add(InetAddress.getByName(server.replaceAll("%.*$", "")));
                } catch (IOException e) {
                    LOG.debug("skipping --dns {}: {}", server, e.toString());
                }
            }
        }
        return given.isEmpty() ? hostUpstreams() : given;
    }

    /** @return true for an IPv4 or IPv6 literal (never a name: InetAddress would resolve it) */
    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    /** @return the host's nameservers ({@code nameserver} lines), 127.0.0.11 left out */
    List<InetAddress> hostUpstreams() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(hostResolvConf)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver") && !f[1].equals(ADDRESS)) {
                    try {
                        out.add(InetAddress.getByName(f[1].replaceAll("%.*$", "")));
                    } catch (IOException e) {
                        LOG.debug("skipping nameserver {}: {}", f[1], e.toString());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", hostResolvConf, e.getMessage());
        }
        return out;
    }
}
