package dev.cidrstudio.model.policy;

import static dev.cidrstudio.model.policy.CelDecls.fn;
import static dev.cidrstudio.model.policy.CelDecls.global;
import static dev.cidrstudio.model.policy.CelDecls.member;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cidrstudio.model.net.KubeNetLibrary;
import dev.cidrstudio.model.net.KubeNetParsing;
import dev.cidrstudio.model.net.NetIp;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code ip} and {@code cidr} CEL libraries ({@code k8s.io/apiserver/pkg/cel/library/ip.go},
 * {@code cidr.go}) on the opaque types {@code net.IP} and {@code net.CIDR}: every function and overload, over the
 * port of Go's netip in {@code model.net}, with {@code containsCIDR} as the release has it, and cel-go's equality
 * for the two types.
 */
final class KubeIpCidrLibrary {

    static final OpaqueType IP_T = OpaqueType.create("net.IP");
    static final OpaqueType CIDR_T = OpaqueType.create("net.CIDR");

    private KubeIpCidrLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        CelType s = SimpleType.STRING;
        CelType b = SimpleType.BOOL;
        CelType i = SimpleType.INT;
        return List.of(
                fn("ip", global("string_to_ip", IP_T, s), member("cidr_ip", IP_T, CIDR_T)),
                fn("isIP", global("is_ip", b, s)),
                fn("ip.isCanonical", global("ip_is_canonical", b, s)),
                fn("family", member("ip_family", i, IP_T)),
                fn("isUnspecified", member("ip_is_unspecified", b, IP_T)),
                fn("isLoopback", member("ip_is_loopback", b, IP_T)),
                fn("isLinkLocalMulticast", member("ip_is_link_local_multicast", b, IP_T)),
                fn("isLinkLocalUnicast", member("ip_is_link_local_unicast", b, IP_T)),
                fn("isGlobalUnicast", member("ip_is_global_unicast", b, IP_T)),
                fn("string", global("ip_to_string", s, IP_T), global("cidr_to_string", s, CIDR_T)),
                fn("cidr", global("string_to_cidr", CIDR_T, s)),
                fn("isCIDR", global("is_cidr", b, s)),
                fn("containsIP", member("cidr_contains_ip_string", b, CIDR_T, s),
                        member("cidr_contains_ip_ip", b, CIDR_T, IP_T)),
                fn("containsCIDR", member("cidr_contains_cidr_string", b, CIDR_T, s),
                        member("cidr_contains_cidr", b, CIDR_T, CIDR_T)),
                fn("prefixLength", member("cidr_prefix_length", i, CIDR_T)),
                fn("masked", member("cidr_masked", CIDR_T, CIDR_T)));
    }

    private interface Parse<T> {
        T run() throws NetIp.ParseException;
    }

    private static <T> T go(Parse<T> p) throws CelEvaluationException {
        try {
            return p.run();
        } catch (NetIp.ParseException e) {
            throw new CelEvaluationException(e.getMessage());
        }
    }

    static List<CelFunctionBinding> bindings(boolean oldRule) {
        List<CelFunctionBinding> out = new ArrayList<>();
        out.addAll(CelFunctionBinding.fromOverloads("ip",
                CelFunctionBinding.from("string_to_ip", String.class, r -> go(() -> KubeNetParsing.ip(r))),
                CelFunctionBinding.from("cidr_ip", NetIp.Prefix.class, NetIp.Prefix::addr)));
        out.addAll(CelFunctionBinding.fromOverloads("isIP",
                CelFunctionBinding.from("is_ip", String.class, KubeNetParsing::isIp)));
        out.addAll(CelFunctionBinding.fromOverloads("ip.isCanonical",
                CelFunctionBinding.from("ip_is_canonical", String.class, r -> go(() -> KubeNetLibrary.isCanonical(r)))));
        out.addAll(CelFunctionBinding.fromOverloads("family",
                CelFunctionBinding.from("ip_family", NetIp.Addr.class, KubeNetLibrary::family)));
        out.addAll(CelFunctionBinding.fromOverloads("isUnspecified",
                CelFunctionBinding.from("ip_is_unspecified", NetIp.Addr.class, KubeNetLibrary::isUnspecified)));
        out.addAll(CelFunctionBinding.fromOverloads("isLoopback",
                CelFunctionBinding.from("ip_is_loopback", NetIp.Addr.class, KubeNetLibrary::isLoopback)));
        out.addAll(CelFunctionBinding.fromOverloads("isLinkLocalMulticast",
                CelFunctionBinding.from("ip_is_link_local_multicast", NetIp.Addr.class,
                        KubeNetLibrary::isLinkLocalMulticast)));
        out.addAll(CelFunctionBinding.fromOverloads("isLinkLocalUnicast",
                CelFunctionBinding.from("ip_is_link_local_unicast", NetIp.Addr.class,
                        KubeNetLibrary::isLinkLocalUnicast)));
        out.addAll(CelFunctionBinding.fromOverloads("isGlobalUnicast",
                CelFunctionBinding.from("ip_is_global_unicast", NetIp.Addr.class, KubeNetLibrary::isGlobalUnicast)));
        out.addAll(CelFunctionBinding.fromOverloads("string",
                CelFunctionBinding.from("ip_to_string", NetIp.Addr.class, NetIp.Addr::toString),
                CelFunctionBinding.from("cidr_to_string", NetIp.Prefix.class, NetIp.Prefix::toString)));
        out.addAll(CelFunctionBinding.fromOverloads("cidr",
                CelFunctionBinding.from("string_to_cidr", String.class, r -> go(() -> KubeNetParsing.cidr(r)))));
        out.addAll(CelFunctionBinding.fromOverloads("isCIDR",
                CelFunctionBinding.from("is_cidr", String.class, KubeNetParsing::isCidr)));
        out.addAll(CelFunctionBinding.fromOverloads("containsIP",
                CelFunctionBinding.from("cidr_contains_ip_string", NetIp.Prefix.class, String.class,
                        (c, r) -> go(() -> KubeNetLibrary.containsIp(c, r))),
                CelFunctionBinding.from("cidr_contains_ip_ip", NetIp.Prefix.class, NetIp.Addr.class,
                        KubeNetLibrary::containsIp)));
        out.addAll(CelFunctionBinding.fromOverloads("containsCIDR",
                CelFunctionBinding.from("cidr_contains_cidr_string", NetIp.Prefix.class, String.class,
                        (c, r) -> go(() -> contains(c, KubeNetParsing.cidr(r), oldRule))),
                CelFunctionBinding.from("cidr_contains_cidr", NetIp.Prefix.class, NetIp.Prefix.class,
                        (c, o) -> contains(c, o, oldRule))));
        out.addAll(CelFunctionBinding.fromOverloads("prefixLength",
                CelFunctionBinding.from("cidr_prefix_length", NetIp.Prefix.class, p -> (long) p.bits())));
        out.addAll(CelFunctionBinding.fromOverloads("masked",
                CelFunctionBinding.from("cidr_masked", NetIp.Prefix.class, NetIp.Prefix::masked)));
        return out;
    }

    /**
     * {@code ==} and {@code !=} as cel-go has them for the opaque network types: comparing an IP or a CIDR with a
     * value of another type (through {@code dyn}) is the error {@code no such overload}, not {@code false}.
     */
    static List<CelFunctionBinding> equalityBindings(CelOptions opts) {
        dev.cel.runtime.RuntimeEquality equality = dev.cel.runtime.RuntimeEquality.create(
                dev.cel.runtime.RuntimeHelpers.create(), opts);
        return List.of(
                CelFunctionBinding.from("equals", Object.class, Object.class, (a, b) -> {
                    checkComparable(a, b);
                    return equality.objectEquals(a, b);
                }),
                CelFunctionBinding.from("not_equals", Object.class, Object.class, (a, b) -> {
                    checkComparable(a, b);
                    return !equality.objectEquals(a, b);
                }));
    }

    private static boolean network(Object v) {
        return v instanceof NetIp.Addr || v instanceof NetIp.Prefix;
    }

    private static void checkComparable(Object a, Object b) throws CelEvaluationException {
        if ((network(a) || network(b)) && (a == null || b == null || a.getClass() != b.getClass())) {
            throw new CelEvaluationException("no such overload");
        }
    }

    private static boolean contains(NetIp.Prefix c, NetIp.Prefix o, boolean oldRule) {
        return oldRule ? KubeNetLibrary.containsCidrBefore1324(c, o) : KubeNetLibrary.containsCidr(c, o);
    }

}
