package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.cidrstudio.model.cluster.ClusterState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A target that cannot work is refused before step 1, with the reason and what would work. */
class PreflightTest {

    record Case(String name, ClusterState plan, ScenarioKind kind, String to, String check, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> refusals() throws Exception {
        return cases().stream().map(Arguments::of);
    }

    static List<Case> cases() throws Exception {
        ClusterState demo = ScenariosTest.demo();
        ClusterState single = ScenariosTest.plan(ScenariosTest.SINGLE_STACK);
        return Stream.of(
                new Case("overlaps the Pod range", demo, ScenarioKind.EXTEND, "10.244.0.0/24",
                        "no overlap with Pods or Nodes", "10.244.0.0/24 overlaps the cluster's Pod range 10.244.0.0/16 "
                                + "(clusterCIDR)."),
                new Case("denied by the demo's policy", demo, ScenarioKind.EXTEND, "172.20.0.0/16",
                        "allowed by the policies", "ValidatingAdmissionPolicy 'servicecidrs.default' with binding "
                                + "'servicecidrs-binding' denied request: failed expression: object.spec.cidrs.all("
                                + "newCIDR, variables.allowed.exists(allowedCIDR, cidr(allowedCIDR).containsCIDR("
                                + "newCIDR)))"),
                new Case("not a CIDR", demo, ScenarioKind.EXTEND, "10.300.0.0/16", "valid range",
                        "spec.cidrs[0]: Invalid value: \"10.300.0.0/16\": must be a valid CIDR value, (e.g. "
                                + "10.9.8.0/24 or 2001:db8::/64)"),
                new Case("today's range", demo, ScenarioKind.EXTEND, "10.97.0.0/20", "new range",
                        "10.97.0.0/20 is a range the cluster has today: it adds no address."),
                new Case("a family the apiservers do not serve", single, ScenarioKind.EXTEND, "fd00:1::/112",
                        "family served", "fd00:1::/112 is IPv6 but the apiservers only allocate [IPv4]: the "
                                + "allocator ignores it."),
                new Case("replace with today's primary", demo, ScenarioKind.REPLACE_PRIMARY, "10.96.0.0/24",
                        "new range", "10.96.0.0/24 is today's primary range: nothing to replace."),
                new Case("replace with the other family", demo, ScenarioKind.REPLACE_PRIMARY, "fd00:20::/112",
                        "same IP family",
                        "fd00:20::/112 is IPv6 but the primary range is IPv4: changing the primary family also "
                                + "changes every Pod's and node's primary address."),
                new Case("too small for today's Services", single, ScenarioKind.REPLACE_PRIMARY, "10.100.0.0/30",
                        "big enough", "2 usable addresses for 3 Services (5 with 50% headroom): today's Services do "
                                + "not fit."),
                new Case("already dual-stack", demo, ScenarioKind.SINGLE_TO_DUAL, null, "single-stack today",
                        "the cluster is already dual-stack (10.96.0.0/24,fd00:10:96::/112)."),
                new Case("a secondary of the same family", single, ScenarioKind.SINGLE_TO_DUAL, "10.100.0.0/16",
                        "secondary range", "10.100.0.0/16 is IPv4, the family the cluster has: the secondary range "
                                + "must be IPv6."),
                new Case("already single-stack", single, ScenarioKind.DUAL_TO_SINGLE, null, "dual-stack today",
                        "the cluster is single-stack (10.96.0.0/16)."))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedBeforeStepOne(Case c) {
        Scenario s = Scenarios.build(c.plan(), c.kind(), Optional.ofNullable(c.to()));
        assertFalse(s.ready());
        assertTrue(s.steps().isEmpty(), "no steps are offered");
        PreflightFinding f = s.preflight().stream().filter(x -> x.title().equals(c.check())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + c.check() + "' in " + s.preflight()));
        assertEquals(PreflightFinding.Verdict.FAIL, f.verdict(), f::describe);
        assertEquals(c.reason(), f.reason());
        assertFalse(f.fix().isEmpty(), "every failure says what would fix it");
    }

    /** Every case with a target checked, and the cases without one shown as skipped, not passed. */
    @TestFactory
    Stream<DynamicTest> offersWhatWouldWorkWhenTheTargetWasGiven() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        Stream<DynamicTest> each = cases().stream().map(c -> dynamicTest(c.name(), () -> {
            assumeTrue(c.to() != null, "no target was given, so there is none to replace");
            Scenario s = Scenarios.build(c.plan(), c.kind(), Optional.ofNullable(c.to()));
            List<String> alternatives = s.alternatives();
            assertFalse(alternatives.isEmpty(), "an alternative is offered");
            Scenario fixed = Scenarios.build(c.plan(), c.kind(), Optional.of(alternatives.get(0)));
            assertTrue(fixed.ready(), () -> alternatives.get(0) + ": " + fixed.preflight());
            checked.incrementAndGet();
        }));
        return Stream.concat(each, Stream.of(dynamicTest("enough cases were checked", () ->
                assertTrue(checked.get() >= 9, "cases checked: " + checked.get()))));
    }
}
