package dev.cidrstudio.model.service;

import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GetWarningsForService}: what kube-apiserver sends back as {@code Warning:} headers when it accepts a
 * Service, with apimachinery's {@code GetWarningsForIP} and {@code GetWarningsForCIDR} for the address fields.
 */
public final class ServiceWarnings {

    private ServiceWarnings() {
    }

    /**
     * The warnings for an accepted Service. {@code preferCloseDeprecated} is 1.35's warning that
     * {@code trafficDistribution: PreferClose} is an alias of {@code PreferSameZone}.
     */
    public static List<String> forService(Service svc, boolean preferCloseDeprecated) {
        ServiceSpec spec = svc.spec();
        List<String> out = new ArrayList<>();
        if (svc.meta().annotations().containsKey(ServiceValidation.TOPOLOGY_HINTS)) {
            out.add("annotation " + ServiceValidation.TOPOLOGY_HINTS + " is deprecated, please use "
                    + ServiceValidation.TOPOLOGY_MODE + " instead");
        }
        boolean ipSet = spec.clusterIP() != null && !spec.clusterIP().isEmpty()
                && !ServiceValidation.NONE.equals(spec.clusterIP());
        if (ipSet) {
            List<String> ips = spec.clusterIPsOrEmpty();
            for (int i = 0; i < ips.size(); i++) {
                out.addAll(forIp("spec.clusterIPs[" + i + "]", ips.get(i)));
            }
        }
        boolean headless = "ClusterIP".equals(spec.type()) && ServiceValidation.NONE.equals(spec.clusterIP());
        if (headless) {
            if (spec.loadBalancerIP() != null && !spec.loadBalancerIP().isEmpty()) {
                out.add("spec.loadBalancerIP is ignored for headless services");
            }
            if (!spec.externalIPsOrEmpty().isEmpty()) {
                out.add("spec.externalIPs is ignored for headless services");
            }
            if (!ServiceValidation.NONE.equals(spec.sessionAffinity())) {
                out.add("spec.SessionAffinity is ignored for headless services");
            }
        }
        List<String> external = spec.externalIPsOrEmpty();
        for (int i = 0; i < external.size(); i++) {
            out.addAll(forIp("spec.externalIPs[" + i + "]", external.get(i)));
        }
        if (spec.loadBalancerIP() != null && !spec.loadBalancerIP().isEmpty()) {
            out.addAll(forIp("spec.loadBalancerIP", spec.loadBalancerIP()));
        }
        if (spec.otherField("loadBalancerSourceRanges") instanceof List<?> ranges) {
            for (int i = 0; i < ranges.size(); i++) {
                out.addAll(forCidr("spec.loadBalancerSourceRanges[" + i + "]", String.valueOf(ranges.get(i))));
            }
        }
        if (spec.isExternalName() && !external.isEmpty()) {
            out.add("spec.externalIPs is ignored when spec.type is \"ExternalName\"");
        }
        if (!spec.isExternalName() && spec.externalName() != null && !spec.externalName().isEmpty()) {
            out.add("spec.externalName is ignored when spec.type is not \"ExternalName\"");
        }
        if (preferCloseDeprecated && "PreferClose".equals(spec.otherField("trafficDistribution"))) {
            out.add("spec.trafficDistribution: \"PreferClose\" is deprecated; use \"PreferSameZone\"");
        }
        return out;
    }

    /** {@code GetWarningsForIP}: leading zeros or an IPv4-mapped address, or IPv6 not in RFC 5952 form. */
    public static List<String> forIp(String field, String value) {
        Optional<IpAddress> sloppy = IpParsing.parseIpSloppy(value);
        if (sloppy.isEmpty()) {
            return List.of();
        }
        Optional<IpAddress> strict = IpParsing.parseIpStrict(value);
        if (strict.isEmpty() || strict.get().isIpv4Mapped()) {
            return List.of(field + ": non-standard IP address " + GoValue.quote(value) + " will be considered "
                    + "invalid in a future Kubernetes release: use " + GoValue.quote(goString(sloppy.get())));
        }
        IpAddress ip = strict.get();
        if (!ip.isIpv4() && !ip.toString().equals(value)) {
            return List.of(field + ": IPv6 address " + GoValue.quote(value) + " should be in RFC 5952 canonical "
                    + "format (" + GoValue.quote(ip.toString()) + ")");
        }
        return List.of();
    }

    /** {@code GetWarningsForCIDR}: host bits set, leading zeros or a mapped address, or IPv6 not canonical. */
    public static List<String> forCidr(String field, String value) {
        Optional<IpParsing.WrittenCidr> sloppy = IpParsing.parseCidrSloppy(value);
        if (sloppy.isEmpty()) {
            return List.of();
        }
        IpParsing.WrittenCidr w = sloppy.get();
        boolean mapped = w.address().isIpv4Mapped();
        IpAddress written = mapped ? IpAddress.ipv4(w.address().lo() & 0xffffffffL) : w.address();
        int bits = mapped ? Math.max(w.prefixLength() - 96, 0) : w.prefixLength();
        Cidr net = mapped ? Cidr.containing(written, bits) : w.masked();
        String netText = net.network() + "/" + bits;
        List<String> out = new ArrayList<>();
        if (!net.network().equals(written)) {
            int width = value.substring(0, value.indexOf('/')).contains(":") ? 128 : 32;
            out.add(field + ": CIDR value " + GoValue.quote(value) + " is ambiguous in this context (should be "
                    + GoValue.quote(netText) + " or " + GoValue.quote(written + "/" + width) + "?)");
        }
        String slashBits = value.substring(value.indexOf('/') + 1);
        boolean leadingZeros = IpParsing.parseIpStrict(value.substring(0, value.indexOf('/'))).isEmpty()
                || (slashBits.length() > 1 && slashBits.charAt(0) == '0');
        if (leadingZeros || mapped) {
            out.add(field + ": non-standard CIDR value " + GoValue.quote(value) + " will be considered invalid in a "
                    + "future Kubernetes release: use " + GoValue.quote(netText));
        }
        if (out.isEmpty() && !written.isIpv4()) {
            String canonical = w.address() + "/" + w.prefixLength();
            if (!canonical.equals(value)) {
                out.add(field + ": IPv6 CIDR value " + GoValue.quote(value) + " should be in RFC 5952 canonical "
                        + "format (" + GoValue.quote(canonical) + ")");
            }
        }
        return out;
    }

    /** Go's {@code net.IP.String()}: an IPv4-mapped address prints as its IPv4 address. */
    private static String goString(IpAddress ip) {
        return ip.isIpv4Mapped() ? IpAddress.ipv4(ip.lo() & 0xffffffffL).toString() : ip.toString();
    }
}
