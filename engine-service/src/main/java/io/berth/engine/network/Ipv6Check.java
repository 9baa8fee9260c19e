package io.berth.engine.network;

import io.berth.common.errors.InvalidArgumentException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks of an IPv6 IPAM pool ({@code --ipv6 --subnet fd00:1::/64 [--gateway fd00:1::1]}). */
final class Ipv6Check {
    private Ipv6Check() {
    }

    /**
     * @param p an IPv6 pool
     * @throws InvalidArgumentException "invalid CIDR address: x" for a subnet that is not IPv6 CIDR, or a gateway
     *     that is not an IPv6 address
     */
    static void pool(IpamPool p) {
        String s = p.subnet();
        int slash = s.indexOf('/');
        if (slash < 0 || !isV6(s.substring(0, slash))) {
            throw new InvalidArgumentException("invalid CIDR address: " + s);
        }
        try {
            int prefix = Integer.parseInt(s.substring(slash + 1));
            if (prefix < 1 || prefix > 126) {
                throw new InvalidArgumentException("invalid CIDR address: " + s);
            }
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid CIDR address: " + s);
        }
        if (!p.gateway().isEmpty() && !isV6(p.gateway())) {
            throw new InvalidArgumentException("invalid gateway address " + p.gateway());
        }
    }

    private static boolean isV6(String text) {
        if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
