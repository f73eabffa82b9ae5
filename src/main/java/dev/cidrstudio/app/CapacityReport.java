package dev.cidrstudio.app;

import dev.cidrstudio.model.allocator.CidrAllocator;
import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Capacity numbers per ServiceCIDR prefix, computed from the allocator's own arithmetic and the address bitmap (so a
 * /12 or an IPv6 /64 costs the same as a /28): total, usable, allocated, free, and the static and dynamic bands.
 */
public final class CapacityReport {

    /** One prefix of one ServiceCIDR. {@code note} explains a prefix the allocator cannot use. */
    public record Row(String serviceCidr, String cidr, IpFamily family, BigInteger total, BigInteger usable,
            long allocated, BigInteger free, long staticBandSize, long staticUsed, BigInteger dynamicBandSize,
            long dynamicUsed, String status, String note) {
    }

    private CapacityReport() {
    }

    public static List<Row> of(ClusterState state) {
        List<Row> rows = new ArrayList<>();
        for (ServiceCidr sc : state.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            String status = sc.meta().beingDeleted() ? "Pending deletion"
                    : sc.servesAllocations() ? "Ready" : "Not ready";
            for (String text : sc.cidrsOrEmpty()) {
                forCidr(state, sc.name(), status, text).ifPresent(rows::add);
            }
        }
        return rows;
    }

    /**
     * The numbers of one prefix as the allocator would serve it from the plan's current allocations; empty when
     * the text is not a CIDR.
     */
    public static java.util.Optional<Row> forCidr(ClusterState state, String serviceCidr, String status, String text) {
        var parsed = IpParsing.parseCidrSloppy(text);
        if (parsed.isEmpty()) {
            return java.util.Optional.empty();
        }
        Cidr cidr = parsed.get().masked();
        BigInteger total = BigInteger.ONE.shiftLeft(cidr.hostBits());
        CidrAllocator a = CidrAllocator.forCidr(cidr);
        UsedAddressSet used = state.used(cidr.family());
        if (a == null) {
            return java.util.Optional.of(new Row(serviceCidr, text, cidr.family(), total, BigInteger.ZERO, 0,
                    BigInteger.ZERO, 0, 0, BigInteger.ZERO, 0, status, CidrAllocator.creationError(cidr)));
        }
        BigInteger usable = new BigInteger(Long.toUnsignedString(a.usableSize()));
        long allocated = a.usableSize() == 0 ? 0 : used.countInRange(a.firstAddress(), a.lastAddress());
        long staticSize = a.staticBandSize();
        long staticUsed = staticSize == 0 ? 0
                : used.countInRange(a.firstAddress(), a.firstAddress().plus(staticSize - 1));
        return java.util.Optional.of(new Row(serviceCidr, text, cidr.family(), total, usable, allocated,
                usable.subtract(BigInteger.valueOf(allocated)), staticSize, staticUsed,
                usable.subtract(BigInteger.valueOf(staticSize)), allocated - staticUsed, status, null));
    }
}
