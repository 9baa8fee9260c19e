package io.berth.engine.network;

import io.berth.common.errors.InternalException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Chooses a free private IPv4 subnet for a bridge network, as dockerd's default address pools do (moby
 * libnetwork/ipamutils: 172.17.0.0/16 ... 172.31.0.0/16, then 192.168.0.0/16 cut into /20s), except that
 * 172.17.0.0/16 is never chosen (dockerd's docker0 lives there, even when dockerd is not running now). A subnet
 * is in use when it overlaps a route of the host ({@code /proc/net/route}), an address of any interface (also a
 * bridge that is down or has no ports yet), or a subnet the caller says is taken (its own networks' records).
 *
 * <p>Several daemons on one host (parallel test daemons, part 2's user networks) probe under one host-wide lock,
 * {@link #hostLock()}, held until the chosen subnet is on a bridge: the caller creates the bridge with its gateway
 * address inside the lock, so the next prober sees it.
 */
public final class SubnetProbe {
    private static final Logger LOG = LogManager.getLogger(SubnetProbe.class);
    /** dockerd's docker0 subnet, never chosen. */
    public static final Ipv4Cidr DOCKER0 = Ipv4Cidr.parse("172.17.0.0/16");

    private SubnetProbe() {
    }

    /** @return the candidate pools in order: 172.18-31.0.0/16, then 192.168.N.0/20 */
    public static List<Ipv4Cidr> candidates() {
        List<Ipv4Cidr> out = new ArrayList<>();
        for (int b = 18; b <= 31; b++) {
            out.add(Ipv4Cidr.parse("172." + b + ".0.0/16"));
        }
        for (int c = 0; c < 256; c += 16) {
            out.add(Ipv4Cidr.parse("192.168." + c + ".0/20"));
        }
        return out;
    }

    /**
     * @param taken subnets already given to networks of this daemon
     * @return the first candidate that overlaps none of the host's routes and addresses nor {@code taken}
     * @throws InternalException when every candidate is in use (dockerd's text)
     */
    public static Ipv4Cidr free(Collection<Ipv4Cidr> taken) {
        List<Ipv4Cidr> used = new ArrayList<>(taken);
        used.addAll(hostSubnets());
        used.add(DOCKER0);
        for (Ipv4Cidr c : candidates()) {
            if (used.stream().noneMatch(u -> u.prefix() > 0 && u.overlaps(c))) {
                return c;
            }
        }
        throw new InternalException("could not find an available, non-overlapping IPv4 address pool among the"
                + " defaults to assign to the network");
    }

    /** @return the host's routes (not the default route) and its interfaces' IPv4 prefixes */
    public static List<Ipv4Cidr> hostSubnets() {
        List<Ipv4Cidr> out = new ArrayList<>(routes(Path.of("/proc/net/route")));
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address v4 && !v4.isLoopbackAddress()) {
                        out.add(Ipv4Cidr.parse(v4.getHostAddress() + "/" + a.getNetworkPrefixLength()).network());
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list the host's interfaces: {}", e.getMessage());
        }
        return out;
    }

    /**
     * @param table {@code /proc/net/route}: Iface Destination Gateway Flags RefCnt Use Metric Mask ..., addresses
     *     in little-endian hex
     * @return its destinations with their masks, the default route left out
     */
    static List<Ipv4Cidr> routes(Path table) {
        List<Ipv4Cidr> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8) {
                    continue;
                }
                long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xffffffffL;
                long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xffffffffL;
                int prefix = Long.bitCount(mask);
                if (prefix > 0) {
                    out.add(new Ipv4Cidr(dest, prefix));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read {}: {}", table, e.getMessage());
        }
        return out;
    }

    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS = new java.util.concurrent.locks.ReentrantLock();

    /**
     * The host-wide lock of subnet choices ({@code /run/lock/berth-subnets.lock}, else in java.io.tmpdir), and an
     * in-process lock in front of it (a JVM cannot hold one file lock twice). Close it to release both.
     *
     * @return the held lock
     * @throws InternalException if it cannot be taken
     */
    public static AutoCloseable hostLock() {
        Path dir = Files.isDirectory(Path.of("/run/lock")) ? Path.of("/run/lock")
                : Path.of(System.getProperty("java.io.tmpdir"));
        IN_PROCESS.lock();
        try {
            FileChannel ch = FileChannel.open(dir.resolve("berth-subnets.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            return () -> {
                try {
                    lock.release();
                    ch.close();
                } finally {
                    IN_PROCESS.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.unlock();
            throw new InternalException("cannot lock the host's subnet choices: " + e.getMessage());
        }
    }
}
