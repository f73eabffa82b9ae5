package dev.cidrstudio.model.net;

/**
 * The member functions of Kubernetes' CEL {@code net.IP} and {@code net.CIDR} types, as pure functions over the netip
 * port (the CEL binding calls these). {@code containsCIDR} depends on the Kubernetes version: every release this
 * planner models (1.33+) has the fixed overlap rule ({@link #containsCidr}); {@link #containsCidrBefore1324} is the
 * rule of 1.30.x-1.32.3.
 */
public final class KubeNetLibrary {

    /** The error a string argument that does not parse gives {@code containsIP}. */
    public static final String NO_SUCH_OVERLOAD = "no such overload";

    private KubeNetLibrary() {
    }

    public static long family(NetIp.Addr a) {
        return a.ip().family() == IpFamily.IPv4 ? 4 : 6;
    }

    public static boolean isUnspecified(NetIp.Addr a) {
        return a.ip().hi() == 0 && a.ip().lo() == 0;
    }

    public static boolean isLoopback(NetIp.Addr a) {
        IpAddress ip = a.ip();
        return ip.family() == IpFamily.IPv4 ? (ip.lo() >>> 24) == 127 : ip.hi() == 0 && ip.lo() == 1;
    }

    public static boolean isLinkLocalMulticast(NetIp.Addr a) {
        IpAddress ip = a.ip();
        if (ip.family() == IpFamily.IPv4) {
            return (ip.lo() >>> 8) == 0xE00000L;
        }
        return ((ip.hi() >>> 48) & 0xff0f) == 0xff02;
    }

    public static boolean isLinkLocalUnicast(NetIp.Addr a) {
        IpAddress ip = a.ip();
        if (ip.family() == IpFamily.IPv4) {
            return (ip.lo() >>> 16) == 0xA9FEL;
        }
        return ((ip.hi() >>> 54) & 0x3ff) == 0x3fa;
    }

    private static boolean isMulticast(IpAddress ip) {
        return ip.family() == IpFamily.IPv4 ? (ip.lo() >>> 28) == 0xE : (ip.hi() >>> 56) == 0xff;
    }

    /** netip's rule: not unspecified, broadcast, loopback, multicast or link-local unicast (RFC 1918 and ULA count). */
    public static boolean isGlobalUnicast(NetIp.Addr a) {
        IpAddress ip = a.ip();
        if (ip.family() == IpFamily.IPv4 && ip.lo() == 0xffffffffL) {
            return false;
        }
        return !isUnspecified(a) && !isLoopback(a) && !isMulticast(ip) && !isLinkLocalUnicast(a);
    }

    /** {@code ip.isCanonical(string)}: parse errors propagate. */
    public static boolean isCanonical(String raw) throws NetIp.ParseException {
        return KubeNetParsing.ip(raw).toString().equals(raw);
    }

    /** {@code <cidr>.containsIP(string)}: an argument that does not parse is {@code no such overload}. */
    public static boolean containsIp(NetIp.Prefix cidr, String raw) throws NetIp.ParseException {
        NetIp.Addr a;
        try {
            a = KubeNetParsing.ip(raw);
        } catch (NetIp.ParseException e) {
            throw new NetIp.ParseException(NO_SUCH_OVERLOAD);
        }
        return containsIp(cidr, a);
    }

    public static boolean containsIp(NetIp.Prefix cidr, NetIp.Addr a) {
        return cidr.contains(a.ip());
    }

    /** {@code <cidr>.containsCIDR(string)}: the argument's parse error propagates. */
    public static boolean containsCidr(NetIp.Prefix cidr, String raw) throws NetIp.ParseException {
        return containsCidr(cidr, KubeNetParsing.cidr(raw));
    }

    /** The fixed rule (1.33.0+, 1.32.4+): the prefixes overlap and the receiver is no longer than the argument. */
    public static boolean containsCidr(NetIp.Prefix cidr, NetIp.Prefix other) {
        if (cidr.addr().ip().family() != other.addr().ip().family()) {
            return false;
        }
        int shorter = Math.min(cidr.bits(), other.bits());
        boolean overlaps = Cidr.containing(cidr.addr().ip(), shorter)
                .equals(Cidr.containing(other.addr().ip(), shorter));
        return overlaps && cidr.bits() <= other.bits();
    }

    /** The rule of 1.30.x-1.32.3: the argument's address must equal the receiver's network address. */
    public static boolean containsCidrBefore1324(NetIp.Prefix cidr, NetIp.Prefix other) {
        if (cidr.addr().ip().family() != other.addr().ip().family()) {
            return false;
        }
        return cidr.masked().addr().ip().equals(other.addr().ip()) && cidr.bits() <= other.bits();
    }
}
