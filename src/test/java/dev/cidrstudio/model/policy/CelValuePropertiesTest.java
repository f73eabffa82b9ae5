package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the values Kubernetes' CEL libraries make: versions, quantities, URLs. */
class CelValuePropertiesTest {

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, 40);
        Arbitrary<String> pre = Arbitraries.of("", "-alpha", "-alpha.1", "-beta", "-beta.2", "-rc.1", "-1", "-x.7.z");
        Arbitrary<String> build = Arbitraries.of("", "+build.5", "+sha.abc");
        return Combinators.combine(n, n, n, pre, build).as((a, b, c, p, m) -> a + "." + b + "." + c + p + m);
    }

    @Property
    void semverPrintsWhatItParsesAndOrdersTotally(@ForAll("versions") String a, @ForAll("versions") String b,
            @ForAll("versions") String c) throws Exception {
        KubeSemver x = KubeSemver.parse(a);
        KubeSemver y = KubeSemver.parse(b);
        KubeSemver z = KubeSemver.parse(c);
        assertEquals(a, x.toString());
        assertEquals(Integer.signum(x.compareTo(y)), -Integer.signum(y.compareTo(x)), "antisymmetric");
        if (x.compareTo(y) <= 0 && y.compareTo(z) <= 0) {
            assertTrue(x.compareTo(z) <= 0, "transitive");
        }
        assertEquals(x.compareTo(y) == 0, x.equals(y), "equal exactly when they compare equal (build ignored)");
    }

    @Property
    void aReleaseIsAfterItsPrereleases(@ForAll("versions") String v) throws Exception {
        KubeSemver x = KubeSemver.parse(v);
        KubeSemver release = new KubeSemver(x.major(), x.minor(), x.patch(), List.of(), List.of());
        assertTrue(x.pre().isEmpty() ? release.compareTo(x) == 0 : release.compareTo(x) > 0);
    }

    @Provide
    Arbitrary<String> quantities() {
        Arbitrary<String> number = Arbitraries.of("0", "1", "12", "1.5", "0.25", "999", "100", "3.125", "-7", "+2");
        Arbitrary<String> suffix = Arbitraries.of("", "n", "u", "m", "k", "M", "G", "Ki", "Mi", "Gi", "e3", "E-2");
        return Combinators.combine(number, suffix).as((x, s) -> x + s);
    }

    @Property
    void addingThenSubtractingAnIntegerGivesTheQuantityBack(@ForAll("quantities") String q,
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long n) throws Exception {
        KubeQuantity x = KubeQuantity.parse(q);
        assertEquals(0, x.add(KubeQuantity.of(n)).sub(KubeQuantity.of(n)).compareTo(x));
        assertEquals(Long.signum(n), x.add(KubeQuantity.of(n)).compareTo(x));
    }

    @Property
    void aQuantityIsAWholeNumberOfNanosAndEqualToItsOwnText(@ForAll("quantities") String q) throws Exception {
        KubeQuantity x = KubeQuantity.parse(q);
        assertTrue(x.value().scale() <= 9, "rounded to nano precision: " + x.value());
        assertEquals(x, KubeQuantity.parse(q));
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> scheme = Arbitraries.of("https://", "http://", "");
        Arbitrary<String> host = Arbitraries.of("example.com", "example.com:8443", "[::1]:80", "10.0.0.1", "a.b.c");
        Arbitrary<String> path = Arbitraries.of("/", "/a/b", "/with space/", "/p%41th", "");
        Arbitrary<String> query = Arbitraries.of("", "?k=v", "?k=a&k=b", "?x=1&y=%20");
        return Combinators.combine(scheme, host, path, query).as((s, h, p, q) -> s.isEmpty() ? (p.isEmpty() ? "/" : p) + q
                : s + h + p + q);
    }

    @Property
    void aUrlWrittenOutParsesToTheSameParts(@ForAll("urls") String raw) throws Exception {
        GoUrl u = GoUrl.parse(raw);
        GoUrl again = GoUrl.parse(u.toUrlString());
        assertEquals(u.scheme(), again.scheme());
        assertEquals(u.host(), again.host());
        assertEquals(u.escapedPath(), again.escapedPath());
        assertEquals(u.query(), again.query());
        // The host is the hostname (bracketed when it is IPv6) and the port, split the way Go splits it.
        String hostname = u.hostname().contains(":") ? "[" + u.hostname() + "]" : u.hostname();
        assertEquals(u.host(), hostname + (u.port().isEmpty() ? "" : ":" + u.port()));
    }
}
