package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.RangeMath;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's {@code --service-cluster-ip-range}: parsing as {@code getServiceIPAndRanges} and
 * {@code ServiceIPRange} do at start-up, then {@code validateClusterIPFlags}. Errors are Kubernetes' texts.
 */
public record ServiceIpRangeFlag(String text, Cidr primary, Cidr secondary, List<String> errors,
        List<String> warnings) {

    public static final String DEFAULT_WHEN_UNSET = "10.0.0.0/24";
    static final int MAX_CIDR_BITS = 20;
    static final int MIN_ADDRESSES = 8;

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<IpFamily> families() {
        List<IpFamily> f = new ArrayList<>();
        if (primary != null) {
            f.add(primary.family());
        }
        if (secondary != null) {
            f.add(secondary.family());
        }
        return f;
    }

    public List<Cidr> ranges() {
        List<Cidr> r = new ArrayList<>();
        if (primary != null) {
            r.add(primary);
        }
        if (secondary != null) {
            r.add(secondary);
        }
        return r;
    }

    /** The {@code kubernetes.default} Service IP: network + 1 of the primary range. */
    public IpAddress kubernetesServiceIp() {
        return primary.network().plus(1);
    }

    public static ServiceIpRangeFlag parse(String flag, KubeVersion version) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String text = flag == null ? "" : flag;
        List<String> list = text.isEmpty() ? List.of() : List.of(text.split(",", -1));
        Cidr primary = null;
        Cidr secondary = null;
        if (list.isEmpty()) {
            warnings.add("No CIDR for service cluster IPs specified. Default value which was " + DEFAULT_WHEN_UNSET
                    + " is deprecated and will be removed in future releases. Please specify it using "
                    + "--service-cluster-ip-range on kube-apiserver.");
            primary = IpParsing.parseCidrSloppy(DEFAULT_WHEN_UNSET).orElseThrow().masked();
        } else {
            var p = IpParsing.parseCidrSloppy(list.get(0));
            if (p.isEmpty()) {
                errors.add("service-cluster-ip-range[0] is not a valid cidr");
                return new ServiceIpRangeFlag(text, null, null, errors, warnings);
            }
            primary = p.get().masked();
            if (Math.min(RangeMath.rangeSize(primary), 65536) < MIN_ADDRESSES) {
                errors.add("the service cluster IP range must be at least " + MIN_ADDRESSES + " IP addresses");
                return new ServiceIpRangeFlag(text, null, null, errors, warnings);
            }
            if (list.size() > 1) {
                var s = IpParsing.parseCidrSloppy(list.get(1));
                if (s.isEmpty()) {
                    errors.add("service-cluster-ip-range[1] is not an ip net");
                    return new ServiceIpRangeFlag(text, primary, null, errors, warnings);
                }
                secondary = s.get().masked();
            }
        }
        if (list.size() > 2) {
            errors.add("--service-cluster-ip-range must not contain more than two entries");
        }
        if (version.flagSizeLimit()) {
            String e = validateMaxCidrRange(primary, "--service-cluster-ip-range");
            if (e != null) {
                errors.add(e);
            }
        }
        if (secondary != null) {
            if (IpParsing.goFamily(primary.network()) == IpParsing.goFamily(secondary.network())) {
                errors.add("--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP "
                        + "family");
            }
            if (version.flagSizeLimit()) {
                String e = validateMaxCidrRange(secondary, "--service-cluster-ip-range[1]");
                if (e != null) {
                    errors.add(e);
                }
            }
        }
        return new ServiceIpRangeFlag(text, primary, secondary, errors, warnings);
    }

    static String validateMaxCidrRange(Cidr cidr, String flag) {
        int bits = cidr.family().bits();
        if (cidr.hostBits() > MAX_CIDR_BITS) {
            return "specified " + flag + " is too large; for " + bits + "-bit addresses, the mask must be >= "
                    + (bits - MAX_CIDR_BITS);
        }
        return null;
    }
}
