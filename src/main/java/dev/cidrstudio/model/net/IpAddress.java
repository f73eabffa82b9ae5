package dev.cidrstudio.model.net;

/**
 * One IP address as a value: the family and the 128-bit (IPv6) or 32-bit (IPv4) number split into two longs.
 * For IPv4 only {@code lo} is used. {@link #toString()} prints the address the way Go's {@code net.IP.String()}
 * does, which is the canonical form Kubernetes checks names against.
 */
public record IpAddress(IpFamily family, long hi, long lo) implements Comparable<IpAddress> {

    public IpAddress {
        if (family == IpFamily.IPv4 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 value out of range");
        }
    }

    public static IpAddress ipv4(long value) {
        return new IpAddress(IpFamily.IPv4, 0, value & 0xFFFF_FFFFL);
    }

    public static IpAddress ipv6(long hi, long lo) {
        return new IpAddress(IpFamily.IPv6, hi, lo);
    }

    public static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            long v = 0;
            for (byte b : bytes) {
                v = (v << 8) | (b & 0xFF);
            }
            return ipv4(v);
        }
        if (bytes.length == 16) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (bytes[i] & 0xFF);
                lo = (lo << 8) | (bytes[i + 8] & 0xFF);
            }
            return ipv6(hi, lo);
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
    }

    public boolean isIpv4() {
        return family == IpFamily.IPv4;
    }

    /** True for ::ffff:a.b.c.d, which Kubernetes' strict parsers reject. */
    public boolean isIpv4Mapped() {
        return family == IpFamily.IPv6 && hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /** This address plus an unsigned 64-bit offset, wrapping inside the family's address space. */
    public IpAddress plus(long offset) {
        if (family == IpFamily.IPv4) {
            return ipv4(lo + offset);
        }
        long newLo = lo + offset;
        long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
        return ipv6(hi + carry, newLo);
    }

    /** The unsigned distance from {@code base} to this address; only meaningful when it fits in 64 bits. */
    public long minus(IpAddress base) {
        return lo - base.lo;
    }

    @Override
    public int compareTo(IpAddress o) {
        if (family != o.family) {
            return family.compareTo(o.family);
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (family == IpFamily.IPv4) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        if (isIpv4Mapped()) {
            // Go prints a 16-byte IPv4-mapped address in dotted form.
            return ipv4(lo & 0xFFFF_FFFFL).toString();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        // Longest run of two or more zero groups; the first one wins a tie (RFC 5952, as Go prints it).
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
