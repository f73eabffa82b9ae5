package dev.cidrstudio.model.net;

/**
 * A network prefix: the network address (host bits zero) and the prefix length. {@link #toString()} is Go's
 * {@code ipnet.String()}, the canonical text Kubernetes requires in {@code ServiceCIDR.spec.cidrs}.
 */
public record Cidr(IpAddress network, int prefixLength) implements Comparable<Cidr> {

    public Cidr {
        int bits = network.family().bits();
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        if (!maskedValue(network, prefixLength).equals(network)) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** The prefix containing {@code address} with the given length (host bits cleared). */
    public static Cidr containing(IpAddress address, int prefixLength) {
        return new Cidr(maskedValue(address, prefixLength), prefixLength);
    }

    static IpAddress maskedValue(IpAddress a, int prefixLength) {
        if (a.family() == IpFamily.IPv4) {
            long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
            return IpAddress.ipv4(a.lo() & mask);
        }
        long hiMask;
        long loMask;
        if (prefixLength >= 64) {
            hiMask = -1L;
            loMask = prefixLength == 64 ? 0 : (prefixLength == 128 ? -1L : -1L << (128 - prefixLength));
        } else {
            hiMask = prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
            loMask = 0;
        }
        return IpAddress.ipv6(a.hi() & hiMask, a.lo() & loMask);
    }

    public IpFamily family() {
        return network.family();
    }

    public int hostBits() {
        return family().bits() - prefixLength;
    }

    /** The highest address of the prefix (the IPv4 broadcast address, the IPv6 all-ones address). */
    public IpAddress lastAddress() {
        if (family() == IpFamily.IPv4) {
            long size = 1L << hostBits();
            return IpAddress.ipv4(network.lo() + size - 1);
        }
        int h = hostBits();
        if (h >= 64) {
            long hiOnes = h == 128 ? -1L : (h == 64 ? 0 : (1L << (h - 64)) - 1);
            return IpAddress.ipv6(network.hi() | hiOnes, -1L);
        }
        long loOnes = h == 0 ? 0 : (h == 64 ? -1L : (1L << h) - 1);
        return IpAddress.ipv6(network.hi(), network.lo() | loOnes);
    }

    /** Plain containment: the address lies anywhere in the prefix, network and last address included. */
    public boolean contains(IpAddress ip) {
        return ip.family() == family() && maskedValue(ip, prefixLength).equals(network);
    }

    /** Go's {@code netip.Prefix.Overlaps}: same family and one contains the other's network. */
    public boolean overlaps(Cidr other) {
        if (other.family() != family()) {
            return false;
        }
        int shorter = Math.min(prefixLength, other.prefixLength);
        return maskedValue(network, shorter).equals(maskedValue(other.network, shorter));
    }

    /** True when this prefix equals or contains {@code other}. */
    public boolean containsCidr(Cidr other) {
        return overlaps(other) && prefixLength <= other.prefixLength;
    }

    @Override
    public int compareTo(Cidr o) {
        int c = network.compareTo(o.network);
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
