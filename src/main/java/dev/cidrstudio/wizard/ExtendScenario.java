package dev.cidrstudio.wizard;

import dev.cidrstudio.app.CapacityPlanner;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Extend Service IP Ranges": a new ServiceCIDR adds addresses without touching the apiservers. The target comes
 * from the user or from the capacity planner's suggestion.
 */
final class ExtendScenario {

    static final String ID = "extend";
    static final String PROBE = "cidr-studio-probe";
    private static final int HEADROOM = 100;

    private ExtendScenario() {
    }

    static Scenario build(ClusterState plan, Optional<String> to) {
        ClusterState start = plan;
        ServiceIpRangeFlag flags = ScenarioSupport.flags(start);
        IpFamily primary = flags.primary().family();
        long services = start.<Service>list(Kind.SERVICE).stream()
                .filter(s -> !s.spec().clusterIPsOrEmpty().isEmpty() && !s.spec().isHeadless()).count();
        long wanted = Math.max(254, services * HEADROOM / 100);
        List<String> alternatives = new ArrayList<>();
        CapacityPlanner.suggest(start, primary, wanted).ifPresent(s -> alternatives.add(s.cidr()));
        List<String> cidrs = to.map(t -> List.of(t.split(",", -1))).orElse(alternatives);
        String name = freeName(start);
        List<PreflightFinding> pre = new ArrayList<>();
        pre.add(ScenarioSupport.flagsConsistent(start));
        if (cidrs.isEmpty()) {
            pre.add(PreflightFinding.fail("new range", "no free private range was found near the plan's ranges.",
                    "give one with --to."));
        } else {
            pre.addAll(ScenarioSupport.targetRange(start, name, cidrs, List.of()));
            for (String c : cidrs) {
                ScenarioSupport.parseCidr(c).ifPresent(cidr -> {
                    if (!flags.families().contains(cidr.family())) {
                        pre.add(PreflightFinding.fail("family served", c + " is " + cidr.family() + " but the "
                                + "apiservers only allocate " + flags.families() + ": the allocator ignores it.",
                                "convert the cluster with single-to-dual first."));
                    }
                    if (flags.ranges().contains(cidr) || start.<ServiceCidr>list(Kind.SERVICE_CIDR).stream()
                            .anyMatch(sc -> sc.cidrsOrEmpty().contains(cidr.toString()))) {
                        pre.add(PreflightFinding.fail("new range", c + " is a range the cluster has today: it "
                                + "adds no address.", alternatives.isEmpty() ? "pick another range."
                                : "try " + alternatives.get(0) + "."));
                    }
                });
            }
            if (to.isEmpty()) {
                pre.add(PreflightFinding.pass("capacity suggestion", String.join(",", cidrs) + " is the smallest "
                        + "free private prefix with room for " + String.format(Locale.ROOT, "%,d", wanted)
                        + " more Services (today: " + services + ")."));
            }
        }
        boolean ready = !cidrs.isEmpty() && pre.stream().noneMatch(f -> f.verdict() == PreflightFinding.Verdict.FAIL);
        String title = "Extend the Service IP ranges" + (cidrs.isEmpty() ? "" : " with " + String.join(",", cidrs));
        return new Scenario(ID, title, "Add a ServiceCIDR; the apiservers start allocating from it at once, no "
                + "restart needed ('Extend Service IP Ranges').", start, pre,
                ready ? steps(start, name, cidrs) : List.of(), to.isPresent() ? alternatives : List.of());
    }

    private static String freeName(ClusterState s) {
        for (int i = 1;; i++) {
            if (s.get(Kind.SERVICE_CIDR, null, "newcidr" + i).isEmpty()) {
                return "newcidr" + i;
            }
        }
    }

    private static List<Step> steps(ClusterState s, String name, List<String> cidrs) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("Look at today's ranges",
                "The ServiceCIDRs the allocator uses today, and the Services holding their addresses.")
                .withCommands(List.of("kubectl get servicecidr", "kubectl get ipaddress " + ScenarioSupport.flags(s).kubernetesServiceIp()))
                .withExpected("The kubernetes ServiceCIDR and any others, Ready."));

        Manifest m = new Manifest("02-servicecidr-" + name + ".yaml", ScenarioSupport.serviceCidrManifest(name, cidrs));
        steps.add(Step.of("Create the new ServiceCIDR",
                "kube-controller-manager marks it Ready and adds its finalizer; every apiserver allocates from it "
                        + "from then on, alongside the ranges it has.")
                .withManifests(List.of(m))
                .withCommands(List.of("kubectl apply -f " + m.path(), "kubectl get servicecidr " + name))
                .withExpected("servicecidr.networking.k8s.io/" + name + " created")
                .withChecks(List.of(ScenarioSupport.readyStatus(name, "True"), ScenarioSupport.cidrsOf(name, cidrs)))
                .withRollback("kubectl delete servicecidr " + name + " (it stays pending while Services hold its "
                        + "addresses)."));

        Cidr first = ScenarioSupport.parseCidr(cidrs.get(0)).orElseThrow();
        String probeIp = first.lastAddress().plus(first.family() == IpFamily.IPv4 ? -1 : 0).toString();
        if (first.family() == IpFamily.IPv6) {
            probeIp = first.network().plus(BigInteger.ONE.shiftLeft(Math.min(first.hostBits(), 62)).longValue() - 1)
                    .toString();
        }
        steps.add(Step.of("Allocate an address from it",
                "A Service created with an address of the new range proves the range serves allocations; it is "
                        + "deleted again right after.")
                .withCommands(List.of("kubectl create service clusterip " + PROBE + " --tcp 80 --clusterip "
                        + probeIp, "kubectl get ipaddress " + probeIp, "kubectl delete service " + PROBE))
                .withExpected("service/" + PROBE + " created, its IPAddress " + probeIp + " with parentRef "
                        + "services/default/" + PROBE + ", then deleted.")
                .withChecks(List.of(new Check.CommandCheck("the probe Service is gone",
                        "kubectl get service " + PROBE + " -o name --ignore-not-found", "")))
                .withRollback("Nothing to undo."));
        return steps;
    }
}
