package io.berth.engine.network;

/**
 * The daemon's flags for the default {@code bridge} network (dockerd's {@code --bridge}/{@code -b} and
 * {@code --bip}), from engine-service's {@code --bridge} and {@code --bip}.
 *
 * @param bridgeName the Linux bridge of the default network; "" or null: {@link #DEFAULT_BRIDGE}
 * @param bip the bridge's address with its prefix, CIDR as dockerd's {@code --bip} ("172.18.0.1/16"): the gateway
 *     and, by its prefix, the subnet; "" or null: a free private /16 probed at the first start and kept
 *     ({@link SubnetProbe})
 */
public record BridgeSettings(String bridgeName, String bip) {
    /** The default bridge's interface name (dockerd's is docker0). */
    public static final String DEFAULT_BRIDGE = "berth0";

    /** Normalizes null and "" to the defaults. */
    public BridgeSettings {
        bridgeName = bridgeName == null || bridgeName.isBlank() ? DEFAULT_BRIDGE : bridgeName.trim();
        bip = bip == null || bip.isBlank() ? null : bip.trim();
    }

    /** @return the defaults: berth0 on a probed subnet */
    public static BridgeSettings defaults() {
        return new BridgeSettings(null, null);
    }
}
