package io.berth.engine.network;

import io.berth.common.errors.InvalidArgumentException;
import java.util.Map;
import java.util.Set;

/**
 * The bridge driver's options ({@code docker network create -o k=v}, moby libnetwork/drivers/bridge
 * {@code parseNetworkGenericOptions}): {@code com.docker.network.bridge.name} (at most 15 bytes, Linux's IFNAMSIZ - 1),
 * {@code ...enable_icc} and {@code ...enable_ip_masquerade} (Go's strconv.ParseBool words),
 * {@code com.docker.network.driver.mtu} (a number). Other keys are kept and shown, as dockerd keeps them.
 */
public final class NetworkOptions {
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private NetworkOptions() {
    }

    /**
     * @param options the options as given
     * @throws InvalidArgumentException for a bad value (dockerd's ParseBool / Atoi texts)
     */
    public static void check(Map<String, String> options) {
        bool(options, NetworkDefinition.OPTION_ENABLE_ICC, true);
        bool(options, NetworkDefinition.OPTION_ENABLE_IP_MASQUERADE, true);
        mtu(options);
        String bridge = options.get(NetworkDefinition.OPTION_BRIDGE_NAME);
        if (bridge != null && (bridge.length() > 15 || bridge.contains("/") || bridge.contains(" "))) {
            throw new InvalidArgumentException("invalid bridge name " + bridge
                    + ": at most 15 characters, no '/' or space");
        }
    }

    /**
     * @param options the options
     * @param key a boolean option
     * @param dflt the value when it is not given
     * @return its value
     * @throws InvalidArgumentException for a word ParseBool refuses
     */
    public static boolean bool(Map<String, String> options, String key, boolean dflt) {
        String v = options.get(key);
        if (v == null) {
            return dflt;
        }
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new InvalidArgumentException("failed to parse " + key + " value: strconv.ParseBool: parsing \"" + v
                + "\": invalid syntax");
    }

    /**
     * @param options the options
     * @return the MTU option, 0 when not given
     * @throws InvalidArgumentException for a value that is not a positive number
     */
    public static int mtu(Map<String, String> options) {
        String v = options.get(NetworkDefinition.OPTION_MTU);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            int m = Integer.parseInt(v);
            if (m < 68 || m > 65535) {
                throw new InvalidArgumentException("invalid MTU " + v + ": it must be 68-65535");
            }
            return m;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("failed to parse " + NetworkDefinition.OPTION_MTU
                    + " value: strconv.Atoi: parsing \"" + v + "\": invalid syntax");
        }
    }
}
