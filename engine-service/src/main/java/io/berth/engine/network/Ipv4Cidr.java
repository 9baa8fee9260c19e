package io.berth.engine.network;

import io.berth.common.errors.InvalidArgumentException;

/**
 * An IPv4 prefix, {@code a.b.c.d/n}, with the arithmetic the networks need (containment, overlap, the n-th
 * address). {@code address} keeps the host bits as given ({@code --bip 172.18.0.1/16} has address 172.18.0.1);
 * {@link #network()} clears them.
 *
 * @param address the address as a 32-bit unsigned value in a long
 * @param prefix 0..32
 */
public record Ipv4Cidr(long address, int prefix) {
    /**
     * @param text "172.18.0.0/16" (or a bare address: /32)
     * @return the prefix
     * @throws InvalidArgumentException for anything else
     */
    public static Ipv4Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        int prefix = 32;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid CIDR address: " + text);
            }
            t = t.substring(0, slash);
        }
        if (prefix < 0 || prefix > 32) {
            throw new InvalidArgumentException("invalid CIDR address: " + text);
        }
        return new Ipv4Cidr(parseAddress(t, text), prefix);
    }

    /**
     * @param a dotted quad
     * @param original the text for the error
     * @return its value
     */
    static long parseAddress(String a, String original) {
        String[] p = a.split("\\.", -1);
        if (p.length != 4) {
            throw new InvalidArgumentException("invalid CIDR address: " + original);
        }
        long v = 0;
        for (String s : p) {
            int b;
            try {
                b = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid CIDR address: " + original);
            }
            if (b < 0 || b > 255 || s.isEmpty() || s.length() > 3) {
                throw new InvalidArgumentException("invalid CIDR address: " + original);
            }
            v = v << 8 | b;
        }
        return v;
    }

    /** @return the netmask as a value */
    public long mask() {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    /** @return the prefix with its host bits cleared */
    public Ipv4Cidr network() {
        return new Ipv4Cidr(address & mask(), prefix);
    }

    /**
     * @param other another prefix
     * @return true if the two share any address
     */
    public boolean overlaps(Ipv4Cidr other) {
        int p = Math.min(prefix, other.prefix);
        long m = p == 0 ? 0 : (0xffffffffL << (32 - p)) & 0xffffffffL;
        return (address & m) == (other.address & m);
    }

    /**
     * @param a an address value
     * @return true if it is inside this prefix
     */
    public boolean contains(long a) {
        return (a & mask()) == (address & mask());
    }

    /**
     * @param n offset from the network address
     * @return that address as text ({@code network().nth(1)} is the usual gateway)
     */
    public String nth(long n) {
        return format((address & mask()) + n);
    }

    /** @return the address part as text */
    public String addressText() {
        return format(address);
    }

    /**
     * @param v an address value
     * @return dotted quad
     */
    public static String format(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    @Override
    public String toString() {
        return format(address) + "/" + prefix;
    }
}
