package dev.cidrstudio.wizard;

import dev.cidrstudio.app.CapacityPlanner;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.service.ServiceIpFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Single-stack to dual-stack, keeping the primary: the secondary family joins every apiserver's flags, the
 * default-ServiceCIDR controller upgrades the {@code kubernetes} object in place, and Services stay single-stack
 * until each is changed.
 */
final class SingleToDualScenario {

    static final String ID = "single-to-dual";
    static final String PROBE = "dual-stack-check";

    private SingleToDualScenario() {
    }

    static Scenario build(ClusterState plan, Optional<String> to) {
        ClusterState start = plan;
        ServiceIpRangeFlag flags = ScenarioSupport.flags(start);
        Cidr primary = flags.primary();
        IpFamily other = primary.family() == IpFamily.IPv4 ? IpFamily.IPv6 : IpFamily.IPv4;
        List<String> alternatives = new ArrayList<>();
        long services = start.<Service>list(Kind.SERVICE).size();
        CapacityPlanner.suggest(start, other, Math.max(65_534, services * 2)).ifPresent(s -> alternatives.add(s.cidr()));
        String target = to.orElse(alternatives.isEmpty() ? "" : alternatives.get(0));
        List<PreflightFinding> pre = new ArrayList<>();
        pre.add(ScenarioSupport.flagsConsistent(start));
        Optional<Cidr> secondary = ScenarioSupport.parseCidr(target);
        if (flags.secondary() != null) {
            pre.add(PreflightFinding.fail("single-stack today", "the cluster is already dual-stack ("
                    + flags.text() + ").", "rehearse dual-to-single first and, in the Wizard tab, apply its end "
                    + "state to the plan (Undo takes it back); or extend with a new ServiceCIDR."));
        } else if (target.isEmpty()) {
            pre.add(PreflightFinding.fail("secondary range", "no free private " + other + " range was found.",
                    "give one with --to."));
        } else if (secondary.isPresent() && secondary.get().family() == primary.family()) {
            pre.add(PreflightFinding.fail("secondary range", target + " is " + primary.family()
                    + ", the family the cluster has: the secondary range must be " + other + ".",
                    alternatives.isEmpty() ? "give an " + other + " range." : "try " + alternatives.get(0) + "."));
        } else {
            List<String> both = List.of(primary.toString(), target);
            pre.addAll(ScenarioSupport.targetRange(start, ServiceCidr.DEFAULT_NAME, both, List.of()));
            String newFlags = primary + "," + target;
            ServiceIpRangeFlag parsed = ServiceIpRangeFlag.parse(newFlags, start.settings().kubernetesVersion());
            pre.add(parsed.valid() ? PreflightFinding.pass("kube-apiserver accepts the flag",
                    "--service-cluster-ip-range=" + newFlags + " passes kube-apiserver's start-up checks.")
                    : PreflightFinding.fail("kube-apiserver accepts the flag", String.join("; ", parsed.errors())
                            + ".", "pick an " + other + " range kube-apiserver " + start.settings().kubernetesVersion().text()
                            + " accepts."));
            String pods = start.settings().clusterCIDR() == null ? "" : start.settings().clusterCIDR();
            boolean dualPods = pods.contains(",");
            pre.add(dualPods ? PreflightFinding.pass("dual-stack Pod network", "the Pod range " + pods
                    + " has both families.")
                    : PreflightFinding.warn("dual-stack Pod network", "the Pod range is " + (pods.isEmpty()
                            ? "not set" : pods) + ": Services get " + other + " addresses, but Pods have no " + other
                            + " address to send their traffic to.", "add an " + other + " range to "
                            + "kube-controller-manager's --cluster-cidr and a dual-stack network plugin."));
        }
        boolean ready = secondary.isPresent() && pre.stream().noneMatch(f -> f.verdict() == PreflightFinding.Verdict.FAIL);
        return new Scenario(ID, "Go dual-stack: add " + (target.isEmpty() ? "an " + other + " range" : target)
                + " as the secondary Service range", "Add the secondary IP family to every kube-apiserver's "
                + "--service-cluster-ip-range; the kubernetes ServiceCIDR is upgraded in place, and Services become "
                + "dual-stack as you change them.", start, pre,
                ready ? steps(start, primary, secondary.get()) : List.of(), to.isPresent() ? alternatives : List.of());
    }

    private static List<Step> steps(ClusterState s, Cidr primary, Cidr secondary) {
        List<String> both = List.of(primary.toString(), secondary.toString());
        String newFlags = String.join(",", both);
        List<String> apiServers = ScenarioSupport.apiServerNames(s);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("Check the cluster is single-stack today",
                "The kubernetes ServiceCIDR and every Service have " + primary.family() + " addresses only.")
                .withCommands(List.of(ControlPlane.STATUS, "kubectl get servicecidr " + ServiceCidr.DEFAULT_NAME))
                .withChecks(List.of(ScenarioSupport.cidrsOf(ServiceCidr.DEFAULT_NAME, List.of(primary.toString())))));

        steps.add(Step.of("Prepare the network for " + secondary.family(),
                "Before the apiservers hand out " + secondary.family() + " Service addresses, the rest of the "
                        + "cluster must carry them: every node needs an " + secondary.family() + " address (kubelet "
                        + "--node-ip with both), kube-controller-manager --cluster-cidr with a Pod range of each "
                        + "family and --service-cluster-ip-range=" + newFlags + ", kube-proxy --cluster-cidr with "
                        + "both Pod ranges, a network plugin configured for dual-stack, and CoreDNS listening on "
                        + "both families. kubectl cannot do these; check the node addresses as the 'Validate "
                        + "IPv4/IPv6 dual-stack' page does.")
                .withCommands(List.of("kubectl get nodes -o go-template --template='{{range .items}}{{.metadata.name}}"
                        + "{{range .spec.podCIDRs}} {{.}}{{end}}{{printf \"\\n\"}}{{end}}'"))
                .withExpected("Each node with a Pod range of each family once kube-controller-manager runs with both.")
                .withWarnings(List.of("The simulated plan does not model kube-proxy or the network plugin: check them "
                        + "on the cluster."))
                .withRollback("Nothing in the API changed."));

        List<String> restarts = new ArrayList<>();
        for (String a : apiServers) {
            restarts.add(ScenarioSupport.restart(a, newFlags));
        }
        restarts.add("kubectl get servicecidr " + ServiceCidr.DEFAULT_NAME);
        restarts.add("kubectl get events -A");
        steps.add(Step.of("Restart every kube-apiserver with the secondary range",
                "The first apiserver that starts with --service-cluster-ip-range=" + newFlags + " sees a "
                        + "single-stack kubernetes ServiceCIDR whose range is its primary, and updates it to both "
                        + "ranges (default-ServiceCIDR controller). Apiservers still on the old flags allocate "
                        + primary.family() + " only.")
                .withCommands(restarts)
                .withExpected("The kubernetes ServiceCIDR lists " + newFlags + ".")
                .withChecks(List.of(ScenarioSupport.cidrsOf(ServiceCidr.DEFAULT_NAME, both),
                        ScenarioSupport.flagsEverywhere(newFlags)))
                .withWarnings(apiServers.size() > 1 ? List.of("While only some apiservers have the new flags, each "
                        + "of the others reports KubernetesDefaultServiceCIDRInconsistent once: the object now "
                        + "has both ranges, their flags one.") : List.of())
                .withRollback("The kubernetes ServiceCIDR cannot shrink back in place: follow dual-to-single."));

        steps.add(convert(s, secondary));

        String probe = """
                cat <<EOF | kubectl apply -f -
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  labels:
                    app.kubernetes.io/name: MyApp
                spec:
                  ipFamilyPolicy: PreferDualStack
                  selector:
                    app.kubernetes.io/name: MyApp
                  ports:
                  - protocol: TCP
                    port: 80
                EOF""".formatted(PROBE);
        steps.add(Step.of("Validate dual-stack Services",
                "As on 'Validate IPv4/IPv6 dual-stack': a PreferDualStack Service gets an address of each family, "
                        + primary.family() + " first.")
                .withCommands(List.of(probe, "kubectl describe service " + PROBE,
                        "kubectl get service " + PROBE + " -o jsonpath='{.spec.ipFamilies}'",
                        "kubectl delete service " + PROBE))
                .withExpected("IP Families: " + primary.family() + "," + secondary.family() + " and two IPs.")
                .withChecks(List.of(new Check.CommandCheck("the check Service is gone",
                        "kubectl get service " + PROBE + " -o name --ignore-not-found", "")))
                .withRollback("Nothing to undo."));
        return steps;
    }

    private static Step convert(ClusterState s, Cidr secondary) {
        List<String> commands = new ArrayList<>(List.of(ScenarioSupport.LIST_SERVICES));
        List<Manifest> manifests = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        List<String[]> converted = new ArrayList<>();
        int staying = 0;
        for (Service svc : s.<Service>list(Kind.SERVICE)) {
            if (svc.spec().isExternalName()) {
                continue;
            }
            boolean single = svc.spec().clusterIPsOrEmpty().size() < 2;
            if (!single || ScenarioSupport.isKubernetesService(svc) || svc.spec().isHeadless()
                    && svc.spec().selectorEmpty()) {
                staying += single ? 1 : 0;
                continue;
            }
            String content = ScenarioSupport.serviceManifest(svc, spec -> {
                spec.put("ipFamilyPolicy", ServiceIpFamilies.PREFER);
                spec.remove("ipFamilies");
            });
            Manifest m = new Manifest(ScenarioSupport.fileName("04", svc), content);
            manifests.add(m);
            converted.add(new String[] {svc.namespace(), svc.name()});
            commands.add("kubectl apply -f " + m.path());
        }
        commands.add(ScenarioSupport.LIST_SERVICES);
        checks.add(new Check.StateCheck("every converted Service has an address of each family",
                ScenarioSupport.LIST_SERVICES, api -> {
                    for (String[] key : converted) {
                        Optional<Service> svc = api.find(Kind.SERVICE, key[0], key[1]);
                        if (svc.isPresent() && !svc.get().spec().isHeadless()
                                && svc.get().spec().clusterIPsOrEmpty().size() < 2) {
                            return Optional.of(key[0] + "/" + key[1] + " has only "
                                    + String.join(",", svc.get().spec().clusterIPsOrEmpty()));
                        }
                    }
                    return Optional.empty();
                }));
        return Step.of("Make Services dual-stack",
                "Existing Services keep the family they have: Kubernetes only gives a Service a " + secondary.family()
                        + " address when its ipFamilyPolicy asks for it. Each Service below is applied again with "
                        + "ipFamilyPolicy: PreferDualStack; its " + s.apiServers().get(0).flags().primary().family()
                        + " address stays and a " + secondary.family() + " one is added. kubernetes.default stays "
                        + "single-stack, as the apiserver manages it.")
                .withManifests(manifests).withCommands(commands)
                .withExpected(manifests.size() + " Service" + (manifests.size() == 1 ? "" : "s") + " configured with "
                        + "two cluster IPs; " + staying + " stay single-stack.")
                .withChecks(checks)
                .withWarnings(List.of("Clients keep using the " + s.apiServers().get(0).flags().primary().family()
                        + " address until DNS returns both (CoreDNS answers AAAA for a dual-stack Service)."))
                .withRollback("Apply each Service with ipFamilyPolicy: SingleStack and its first cluster IP only.");
    }
}
