package dev.cidrstudio.model.net;

import dev.cidrstudio.model.field.GoValue;

/**
 * Go's {@code net/netip} parsing, with its error text: the rules Kubernetes' CEL {@code ip()} and {@code cidr()}
 * libraries inherit (no leading zeros in IPv4 octets or prefix lengths, no short forms, at most 4 hex digits a
 * group, zones parsed and then refused by the caller, IPv4-mapped addresses kept as IPv6).
 */
public final class NetIp {

    private NetIp() {
    }

    /** A parse failure; the message is netip's {@code err.Error()}. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    /** A parsed address with its zone ("" when none). */
    public record Addr(IpAddress ip, String zone) {
        public boolean is4In6() {
            return ip.isIpv4Mapped();
        }

        /** netip's {@code String()}: dotted quad, RFC 5952 IPv6 (an IPv4-mapped one keeps its dotted tail). */
        @Override
        public String toString() {
            String text = is4In6() ? "::ffff:" + IpAddress.ipv4(ip.lo() & 0xffffffffL) : ip.toString();
            return zone.isEmpty() ? text : text + "%" + zone;
        }
    }

    /** A parsed prefix: the address as written (host bits kept) and the bit count. */
    public record Prefix(Addr addr, int bits) {
        public Prefix masked() {
            return new Prefix(new Addr(Cidr.containing(addr.ip(), bits).network(), ""), bits);
        }

        public boolean contains(IpAddress ip) {
            return ip.family() == addr.ip().family() && Cidr.containing(addr.ip(), bits).contains(ip);
        }

        @Override
        public String toString() {
            return addr + "/" + bits;
        }
    }

    private static ParseException addrError(String in, String msg, String at) {
        return new ParseException("ParseAddr(" + GoValue.quote(in) + "): " + msg
                + (at == null || at.isEmpty() ? "" : " (at " + GoValue.quote(at) + ")"));
    }

    public static Addr parseAddr(String s) throws ParseException {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '.':
                    return new Addr(IpAddress.fromBytes(parseIpv4(s)), "");
                case ':':
                    return parseIpv6(s);
                case '%':
                    throw addrError(s, "missing IPv6 address", null);
                default:
                    break;
            }
        }
        throw addrError(s, "unable to parse IP", null);
    }

    private static byte[] parseIpv4(String s) throws ParseException {
        byte[] fields = new byte[4];
        parseIpv4Fields(s, 0, s.length(), fields, 0);
        return fields;
    }

    private static void parseIpv4Fields(String in, int off, int end, byte[] fields, int at) throws ParseException {
        int val = 0;
        int pos = 0;
        int digLen = 0;
        String s = in.substring(off, end);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digLen == 1 && val == 0) {
                    throw addrError(in, "IPv4 field has octet with leading zero", null);
                }
                val = val * 10 + (c - '0');
                digLen++;
                if (val > 255) {
                    throw addrError(in, "IPv4 field has value >255", null);
                }
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    throw addrError(in, "IPv4 field must have at least one digit", s.substring(i));
                }
                if (pos == 3) {
                    throw addrError(in, "IPv4 address too long", null);
                }
                fields[at + pos] = (byte) val;
                pos++;
                val = 0;
                digLen = 0;
            } else {
                throw addrError(in, "unexpected character", s.substring(i));
            }
        }
        if (pos < 3) {
            throw addrError(in, "IPv4 address too short", null);
        }
        fields[at + 3] = (byte) val;
    }

    private static Addr parseIpv6(String in) throws ParseException {
        String s = in;
        String zone = "";
        int pct = s.indexOf('%');
        if (pct >= 0) {
            zone = s.substring(pct + 1);
            s = s.substring(0, pct);
            if (zone.isEmpty()) {
                throw addrError(in, "zone must be a non-empty string", null);
            }
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) {
                return new Addr(IpAddress.fromBytes(ip), zone);
            }
        }
        int i = 0;
        while (i < 16) {
            int off = 0;
            int acc = 0;
            for (; off < s.length(); off++) {
                char c = s.charAt(off);
                int d = Character.digit(c, 16);
                if (d < 0 || c > 'f') {
                    break;
                }
                acc = (acc << 4) + d;
                if (off > 3) {
                    throw addrError(in, "each group must have 4 or less digits", s);
                }
                if (acc > 0xffff) {
                    throw addrError(in, "IPv6 field has value >=2^16", s);
                }
            }
            if (off == 0) {
                throw addrError(in, "each colon-separated field must have at least one digit", s);
            }
            if (off < s.length() && s.charAt(off) == '.') {
                if (ellipsis < 0 && i != 12) {
                    throw addrError(in, "embedded IPv4 address must replace the final 2 fields of the address", s);
                }
                if (i + 4 > 16) {
                    throw addrError(in, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
                }
                int end = in.length() - (zone.isEmpty() ? 0 : zone.length() + 1);
                parseIpv4Fields(in, end - s.length(), end, ip, i);
                s = "";
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            s = s.substring(off);
            if (s.isEmpty()) {
                break;
            }
            if (s.charAt(0) != ':') {
                throw addrError(in, "unexpected character, want colon", s);
            } else if (s.length() == 1) {
                throw addrError(in, "colon must be followed by more characters", s);
            }
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) {
                    throw addrError(in, "multiple :: in address", s);
                }
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) {
                    break;
                }
            }
        }
        if (!s.isEmpty()) {
            throw addrError(in, "trailing garbage after address", s);
        }
        if (i < 16) {
            if (ellipsis < 0) {
                throw addrError(in, "address string too short", null);
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                ip[j + n] = ip[j];
            }
            for (int j = ellipsis; j < ellipsis + n; j++) {
                ip[j] = 0;
            }
        } else if (ellipsis >= 0) {
            throw addrError(in, "the :: must expand to at least one field of zeros", null);
        }
        return new Addr(IpAddress.fromBytes(ip), zone);
    }

    private static ParseException prefixError(String in, String msg) {
        return new ParseException("netip.ParsePrefix(" + GoValue.quote(in) + "): " + msg);
    }

    public static Prefix parsePrefix(String s) throws ParseException {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            throw prefixError(s, "no '/'");
        }
        Addr addr;
        try {
            addr = parseAddr(s.substring(0, slash));
        } catch (ParseException e) {
            throw prefixError(s, e.getMessage());
        }
        if (addr.ip().family() == IpFamily.IPv6 && !addr.zone().isEmpty()) {
            throw prefixError(s, "IPv6 zones cannot be present in a prefix");
        }
        String bitsStr = s.substring(slash + 1);
        if (bitsStr.length() > 1 && (bitsStr.charAt(0) < '1' || bitsStr.charAt(0) > '9')) {
            throw prefixError(s, "bad bits after slash: " + GoValue.quote(bitsStr));
        }
        long bits;
        try {
            bits = atoi(bitsStr);
        } catch (NumberFormatException e) {
            throw prefixError(s, "bad bits after slash: " + GoValue.quote(bitsStr));
        }
        int max = addr.ip().family() == IpFamily.IPv6 ? 128 : 32;
        if (bits < 0 || bits > max) {
            throw prefixError(s, "prefix length out of range");
        }
        return new Prefix(addr, (int) bits);
    }

    /** Go's {@code strconv.Atoi}: an optional sign and decimal digits that fit in 64 bits. */
    private static long atoi(String s) {
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s.startsWith("+") ? digits : s);
    }
}
