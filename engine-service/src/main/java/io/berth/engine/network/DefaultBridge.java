package io.berth.engine.network;

import io.berth.common.errors.InternalException;
import io.berth.common.fs.AtomicFiles;
import io.berth.common.json.Json;
import io.berth.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The default {@code bridge} network (dockerd's "bridge" on docker0): a Linux bridge {@code berth0} (or
 * {@code --bridge}) with the gateway address of {@code --bip}, or of a free private subnet probed at the first
 * start ({@link SubnetProbe}: 172.18.0.0/16 first, as docker0 has 172.17.0.0/16). The choice and the network ID
 * are kept in {@code <data-root>/network/bridge.json} and reused at later starts (unless {@code --bip} or
 * {@code --bridge} changed), so the containers' leases stay valid. Masquerade and inter-container traffic on, MTU
 * 1500, as dockerd's defaults.
 */
@Singleton
public class DefaultBridge {
    private static final Logger LOG = LogManager.getLogger(DefaultBridge.class);

    private final BridgeSettings settings;
    private final NetworkPlumbing plumbing;
    private final Path file;
    private volatile NetworkDefinition definition;

    /**
     * @param settings the daemon's {@code --bridge}/{@code --bip}
     * @param plumbing makes the bridge
     * @param config the data root
     */
    @Inject
    public DefaultBridge(BridgeSettings settings, NetworkPlumbing plumbing, EngineConfig config) {
        this.settings = settings;
        this.plumbing = plumbing;
        this.file = config.dataRoot().resolve("network").resolve("bridge.json");
    }

    /**
     * Chooses (or reloads) the network and makes its bridge exist; called once at the engine's start, before any
     * container starts.
     *
     * @return the network
     * @throws InternalException if no subnet is free or the bridge cannot be made
     */
    public synchronized NetworkDefinition setUp() {
        NetworkDefinition kept = load();
        try (AutoCloseable lock = SubnetProbe.hostLock()) {
            NetworkDefinition d = choose(kept);
            plumbing.ensureNetwork(d);
            if (!d.equals(kept)) {
                save(d);
            }
            definition = d;
            LOG.info("default bridge network: {} on {} (gateway {})", d.bridgeName(), d.subnet(), d.gateway());
            return d;
        } catch (InternalException e) {
            throw e;
        } catch (Exception e) {
            throw new InternalException("cannot set up the default bridge network: " + e.getMessage());
        }
    }

    /**
     * @return the network ({@link #setUp} first; it is called lazily here if it was not)
     */
    public NetworkDefinition definition() {
        NetworkDefinition d = definition;
        return d != null ? d : setUp();
    }

    /** @return the network if it was set up, else null (nothing is made) */
    public NetworkDefinition definitionIfSetUp() {
        return definition;
    }

    /**
     * @return the network if it was set up or chosen by an earlier start ({@code bridge.json}), else null; nothing
     *     is made (for inspect of containers that are not running)
     */
    public NetworkDefinition definitionIfKnown() {
        NetworkDefinition d = definition;
        return d != null ? d : load();
    }

    private NetworkDefinition choose(NetworkDefinition kept) {
        String id = kept != null ? kept.id() : randomId();
        Ipv4Cidr subnet;
        String gateway;
        if (settings.bip() != null) {
            Ipv4Cidr bip = Ipv4Cidr.parse(settings.bip());
            subnet = bip.network();
            gateway = bip.addressText().equals(subnet.addressText()) ? subnet.nth(1) : bip.addressText();
        } else if (kept != null && kept.bridgeName().equals(settings.bridgeName()) && keptStillFree(kept)) {
            subnet = Ipv4Cidr.parse(kept.subnet());
            gateway = kept.gateway();
        } else {
            subnet = existingBridgeSubnet();
            if (subnet == null) {
                subnet = SubnetProbe.free(List.of());
            }
            gateway = subnet.nth(1);
        }
        return new NetworkDefinition(id, "bridge", "bridge", settings.bridgeName(), subnet.toString(), gateway,
                null, false, true, true, 1500, null, null, Map.of(),
                Map.of(NetworkDefinition.OPTION_BRIDGE_NAME, settings.bridgeName(),
                        NetworkDefinition.OPTION_ENABLE_ICC, "true",
                        NetworkDefinition.OPTION_ENABLE_IP_MASQUERADE, "true",
                        "com.docker.network.bridge.default_bridge", "true",
                        "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
                        NetworkDefinition.OPTION_MTU, "1500"));
    }

    /**
     * @param kept the network of an earlier start
     * @return true if its bridge still has its subnet, or nothing else on the host uses that subnet now (another
     *     daemon may have taken it while the bridge was gone)
     */
    private boolean keptStillFree(NetworkDefinition kept) {
        Ipv4Cidr subnet = Ipv4Cidr.parse(kept.subnet());
        Ipv4Cidr own = existingBridgeSubnet();
        if (own != null) {
            return own.equals(subnet.network());
        }
        return SubnetProbe.hostSubnets().stream().noneMatch(s -> s.overlaps(subnet));
    }

    /** @return the subnet of an existing bridge of this name that has an address (a --bridge given), or null */
    private Ipv4Cidr existingBridgeSubnet() {
        try {
            java.net.NetworkInterface ni = java.net.NetworkInterface.getByName(settings.bridgeName());
            if (ni == null) {
                return null;
            }
            for (java.net.InterfaceAddress a : ni.getInterfaceAddresses()) {
                if (a.getAddress() instanceof java.net.Inet4Address v4) {
                    return Ipv4Cidr.parse(v4.getHostAddress() + "/" + a.getNetworkPrefixLength()).network();
                }
            }
        } catch (java.net.SocketException e) {
            LOG.warn("cannot read {}: {}", settings.bridgeName(), e.getMessage());
        }
        return null;
    }

    private NetworkDefinition load() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), NetworkDefinition.class);
        } catch (IOException e) {
            LOG.warn("cannot read {} ({}); choosing the default bridge again", file, e.getMessage());
            return null;
        }
    }

    private void save(NetworkDefinition d) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(d));
    }

    /** @return 64 random hex digits (Docker's network ID form) */
    public static String randomId() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
