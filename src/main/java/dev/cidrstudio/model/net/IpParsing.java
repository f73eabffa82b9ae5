package dev.cidrstudio.model.net;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' IP and CIDR parsing rules ({@code k8s.io/apimachinery/pkg/util/validation/ip.go}), built on the
 * {@code ipaddress} library configured to accept only the plain textual forms Go accepts.
 *
 * <p>Two parsers exist, as in Kubernetes: the "sloppy" one ({@code netutils.ParseIPSloppy}, which allows leading
 * zeros in IPv4 octets and in a prefix length) and the strict one ({@code netip.ParseAddr}). Validation messages
 * are the exact Kubernetes strings and live here, next to the rules that emit them.
 */
public final class IpParsing {

    public static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    public static final String IP_LEADING_ZEROS = "must not have leading 0s";
    public static final String IP_MAPPED = "must not be an IPv4-mapped IPv6 address";
    public static final String INVALID_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    public static final String CIDR_LEADING_ZEROS = "must not have leading 0s in IP or prefix length";
    public static final String CIDR_MAPPED = "must not have an IPv4-mapped IPv6 address";
    public static final String CIDR_HOST_BITS = "must not have bits set beyond the prefix length";

    /** Longer input is never a valid address; refusing it early keeps hostile input cheap. */
    private static final int MAX_TEXT = 128;

    private static final IPAddressStringParameters PLAIN_ADDRESS = parameters();

    /** A CIDR as written: the address exactly as given (host bits possibly set) and the prefix length. */
    public record WrittenCidr(IpAddress address, int prefixLength) {
        public Cidr masked() {
            return Cidr.containing(address, prefixLength);
        }
    }

    private IpParsing() {
    }

    public static String canonicalForm(String canonical) {
        return "must be in canonical form (\"" + canonical + "\")";
    }

    private static IPAddressStringParameters parameters() {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowSingleSegment(false)
                .allowPrefix(false)
                .allowMask(false)
                .allowPrefixOnly(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        b.getIPv4AddressParametersBuilder()
                .allow_inet_aton(false)
                .allowBinary(false)
                .allowLeadingZeros(true)
                .allowUnlimitedLeadingZeros(true)
                .setRangeOptions(RangeParameters.NO_RANGE);
        b.getIPv6AddressParametersBuilder()
                .allowZone(false)
                .allowBase85(false)
                .allowBinary(false)
                .allowMixed(true)
                .allowLeadingZeros(true)
                .allowUnlimitedLeadingZeros(true)
                .setRangeOptions(RangeParameters.NO_RANGE);
        return b.toParams();
    }

    private static boolean plainCharacters(String s, boolean slashAllowed) {
        if (s == null || s.isEmpty() || s.length() > MAX_TEXT) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == '.' || c == ':' || (slashAllowed && c == '/');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code netutils.ParseIPSloppy}: leading zeros in IPv4 octets are read as decimal. */
    public static Optional<IpAddress> parseIpSloppy(String text) {
        if (!plainCharacters(text, false)) {
            return Optional.empty();
        }
        long dotted = dottedQuad(text);
        if (dotted >= 0) {
            return Optional.of(IpAddress.ipv4(dotted));
        }
        IPAddress a = new IPAddressString(text, PLAIN_ADDRESS).getAddress();
        if (a == null || a.isMultiple()) {
            return Optional.empty();
        }
        return Optional.of(IpAddress.fromBytes(a.getBytes()));
    }

    /**
     * The common case, a plain dotted quad of up to three digits per octet, read without the general parser;
     * -1 for anything else (which the {@code ipaddress} library then reads).
     */
    private static long dottedQuad(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long value = 0;
        int octet = 0;
        int digits = 0;
        int parts = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || octet > 255) {
                    return -1;
                }
                value = (value << 8) | octet;
                parts++;
                octet = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                octet = octet * 10 + (c - '0');
                digits++;
            } else {
                return -1;
            }
        }
        return parts == 4 ? value : -1;
    }

    /** Go's {@code netip.ParseAddr} (without zones): no leading zeros in dotted octets, at most 4 hex digits. */
    public static Optional<IpAddress> parseIpStrict(String text) {
        Optional<IpAddress> sloppy = parseIpSloppy(text);
        if (sloppy.isEmpty() || hasLeadingZeros(text)) {
            return Optional.empty();
        }
        return sloppy;
    }

    /** The family Go's {@code utilnet.IsIPv6} gives a sloppily parsed address: a mapped address counts as IPv4. */
    public static IpFamily goFamily(IpAddress ip) {
        return ip.isIpv4Mapped() ? IpFamily.IPv4 : ip.family();
    }

    private static boolean hasLeadingZeros(String addressText) {
        int colon = addressText.lastIndexOf(':');
        if (colon >= 0) {
            for (String group : addressText.substring(0, colon).split(":", -1)) {
                if (group.length() > 4) {
                    return true;
                }
            }
            String last = addressText.substring(colon + 1);
            if (last.contains(".")) {
                return dottedHasLeadingZeros(last);
            }
            return last.length() > 4;
        }
        return dottedHasLeadingZeros(addressText);
    }

    private static boolean dottedHasLeadingZeros(String dotted) {
        for (String octet : dotted.split("\\.", -1)) {
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                return true;
            }
        }
        return false;
    }

    /** apimachinery's strict {@code IsValidIP}: the error details, empty when the value is valid. */
    public static List<String> ipProblems(String text) {
        Optional<IpAddress> strict = parseIpStrict(text);
        if (strict.isEmpty()) {
            return List.of(parseIpSloppy(text).isPresent() ? IP_LEADING_ZEROS : INVALID_IP);
        }
        IpAddress ip = strict.get();
        if (ip.isIpv4Mapped()) {
            return List.of(IP_MAPPED);
        }
        if (!ip.toString().equals(text)) {
            return List.of(canonicalForm(ip.toString()));
        }
        return List.of();
    }

    /** The legacy-field check ({@code IsValidIPForLegacyField} with strict validation off): parseable at all. */
    public static List<String> legacyIpProblems(String text) {
        return parseIpSloppy(text).isPresent() ? List.of() : List.of(INVALID_IP);
    }

    /** Go's {@code netutils.ParseCIDRSloppy}: the address as written plus the prefix length. */
    public static Optional<WrittenCidr> parseCidrSloppy(String text) {
        if (!plainCharacters(text, true)) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        String bits = text.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 10) {
            return Optional.empty();
        }
        for (int i = 0; i < bits.length(); i++) {
            if (!Character.isDigit(bits.charAt(i))) {
                return Optional.empty();
            }
        }
        Optional<IpAddress> ip = parseIpSloppy(text.substring(0, slash));
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(bits);
        // Go decides the width from the text: anything with a colon is a 128-bit address.
        int width = text.substring(0, slash).contains(":") ? 128 : 32;
        if (n > width) {
            return Optional.empty();
        }
        return Optional.of(new WrittenCidr(ip.get(), n));
    }

    private static boolean cidrHasLeadingZeros(String text) {
        int slash = text.indexOf('/');
        String bits = text.substring(slash + 1);
        return hasLeadingZeros(text.substring(0, slash)) || (bits.length() > 1 && bits.charAt(0) == '0');
    }

    /** apimachinery's strict {@code IsValidCIDR}: returns at the first failure, as Kubernetes does. */
    public static List<String> cidrProblems(String text) {
        Optional<WrittenCidr> sloppy = parseCidrSloppy(text);
        if (sloppy.isEmpty()) {
            return List.of(INVALID_CIDR);
        }
        if (cidrHasLeadingZeros(text)) {
            return List.of(CIDR_LEADING_ZEROS);
        }
        WrittenCidr w = sloppy.get();
        if (w.address().isIpv4Mapped()) {
            return List.of(CIDR_MAPPED);
        }
        Cidr masked = w.masked();
        if (!masked.network().equals(w.address())) {
            return List.of(CIDR_HOST_BITS);
        }
        if (!masked.toString().equals(text)) {
            return List.of(canonicalForm(masked.toString()));
        }
        return List.of();
    }

    /** The legacy CIDR check: sloppily parseable. */
    public static List<String> legacyCidrProblems(String text) {
        return parseCidrSloppy(text).isPresent() ? List.of() : List.of(INVALID_CIDR);
    }

    /** A strictly valid, canonical CIDR, or empty. */
    public static Optional<Cidr> parseCidr(String text) {
        if (!cidrProblems(text).isEmpty()) {
            return Optional.empty();
        }
        return parseCidrSloppy(text).map(WrittenCidr::masked);
    }

    /** A strictly valid, canonical IP, or empty. */
    public static Optional<IpAddress> parseIp(String text) {
        if (!ipProblems(text).isEmpty()) {
            return Optional.empty();
        }
        return parseIpStrict(text);
    }
}
