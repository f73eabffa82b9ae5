package dev.cidrstudio.wizard;

import static dev.cidrstudio.wizard.ScenarioSupport.MIGRATION_CIDR;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.service.ServiceIpFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dual-stack to single-stack, keeping the primary. Services leave the secondary family first; the apiservers drop
 * it from their flags; and since a ServiceCIDR's ranges cannot shrink in place, the {@code kubernetes} object is
 * replaced: a temporary ServiceCIDR with the primary range keeps its addresses covered while the old one is
 * deleted, and the apiservers create it again from their single-stack flags.
 */
final class DualToSingleScenario {

    static final String ID = "dual-to-single";

    private DualToSingleScenario() {
    }

    static Scenario build(ClusterState plan) {
        ClusterState start = plan;
        ServiceIpRangeFlag flags = ScenarioSupport.flags(start);
        List<PreflightFinding> pre = new ArrayList<>();
        pre.add(ScenarioSupport.flagsConsistent(start));
        Cidr primary = flags.primary();
        Cidr secondary = flags.secondary();
        if (secondary == null) {
            pre.add(PreflightFinding.fail("dual-stack today", "the cluster is single-stack (" + flags.text() + ").",
                    "nothing to remove; rehearse single-to-dual instead."));
            return new Scenario(ID, "Go single-stack", "", start, pre, List.of(), List.of());
        }
        IpFamily removed = secondary.family();
        List<Service> onlyRemoved = new ArrayList<>();
        List<Service> dual = new ArrayList<>();
        for (Service svc : start.<Service>list(Kind.SERVICE)) {
            List<String> fams = svc.spec().ipFamiliesOrEmpty();
            if (fams.size() == 1 && fams.get(0).equals(removed.toString())) {
                onlyRemoved.add(svc);
            } else if (fams.size() == 2) {
                dual.add(svc);
            }
        }
        pre.add(dual.isEmpty() ? PreflightFinding.pass("dual-stack Services", "no Service has two families.")
                : PreflightFinding.warn("dual-stack Services", dual.size() + " Service" + (dual.size() == 1 ? "" : "s")
                        + " with both families (" + names(dual) + ") lose their " + removed + " address.",
                        "step 2 makes them SingleStack " + primary.family() + "; clients using the " + removed
                                + " address break."));
        pre.add(onlyRemoved.isEmpty() ? PreflightFinding.pass(removed + "-only Services", "none.")
                : PreflightFinding.warn(removed + "-only Services", onlyRemoved.size() + " Service"
                        + (onlyRemoved.size() == 1 ? "" : "s") + " (" + names(onlyRemoved) + ") use only " + removed
                        + ": they are recreated as " + primary.family() + " with a new address.",
                        "update their clients, or delete the Services if nothing needs them."));
        pre.addAll(ScenarioSupport.targetRange(start, MIGRATION_CIDR, List.of(primary.toString()),
                List.of(ServiceCidr.DEFAULT_NAME)).stream().filter(f -> !f.title().equals("no overlap with other "
                        + "ServiceCIDRs")).toList());
        boolean ready = pre.stream().noneMatch(f -> f.verdict() == PreflightFinding.Verdict.FAIL);
        return new Scenario(ID, "Go single-stack: drop " + secondary + ", keep " + primary,
                "Remove the secondary IP family (" + removed + ") from the Service network, keeping " + primary
                        + " as it is.", start, pre, ready ? steps(start, primary, secondary, dual, onlyRemoved)
                        : List.of(), List.of());
    }

    private static String names(List<Service> services) {
        List<String> n = services.stream().map(s -> s.namespace() + "/" + s.name()).toList();
        return String.join(", ", n.subList(0, Math.min(6, n.size()))) + (n.size() > 6 ? ", ..." : "");
    }

    private static List<Step> steps(ClusterState s, Cidr primary, Cidr secondary, List<Service> dual,
            List<Service> onlyRemoved) {
        IpFamily removed = secondary.family();
        List<String> apiServers = ScenarioSupport.apiServerNames(s);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("Find the Services that use " + removed,
                "Services with two families lose their " + removed + " address; those with " + removed + " only need "
                        + "a new " + primary.family() + " one.")
                .withCommands(List.of(ScenarioSupport.LIST_SERVICES,
                        "kubectl get services -A -o yaml > services-before.yaml"))
                .withChecks(List.of(ScenarioSupport.cidrsOf(ServiceCidr.DEFAULT_NAME,
                        List.of(primary.toString(), secondary.toString()))))
                .withExpected(dual.size() + " dual-stack and " + onlyRemoved.size() + " " + removed + "-only Services."));

        List<String> commands = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        for (Service svc : dual) {
            String first = svc.spec().clusterIPsOrEmpty().isEmpty() ? null : svc.spec().clusterIPsOrEmpty().get(0);
            boolean primaryFirst = first != null && IpParsing.parseIpSloppy(first)
                    .map(a -> a.family() == primary.family()).orElse(false);
            String keep = primaryFirst ? first : svc.spec().clusterIPsOrEmpty().stream()
                    .filter(ip -> IpParsing.parseIpSloppy(ip).map(a -> a.family() == primary.family()).orElse(false))
                    .findFirst().orElse(null);
            if (!primaryFirst || svc.spec().isHeadless()) {
                // The primary family of a Service cannot change in place: recreate it.
                onlyRemoved.add(svc);
                continue;
            }
            String content = ScenarioSupport.serviceManifest(svc, spec -> {
                spec.put("ipFamilyPolicy", ServiceIpFamilies.SINGLE);
                spec.put("ipFamilies", List.of(primary.family().toString()));
                spec.put("clusterIPs", List.of(keep));
            });
            Manifest m = new Manifest(ScenarioSupport.fileName("02", svc), content);
            manifests.add(m);
            commands.add("kubectl apply -f " + m.path());
        }
        for (Service svc : onlyRemoved) {
            String content = ScenarioSupport.serviceManifest(svc, spec -> {
                if (!svc.spec().isHeadless()) {
                    spec.remove("clusterIP");
                    spec.remove("clusterIPs");
                }
                spec.put("ipFamilyPolicy", ServiceIpFamilies.SINGLE);
                spec.put("ipFamilies", List.of(primary.family().toString()));
            });
            Manifest m = new Manifest(ScenarioSupport.fileName("02", svc), content);
            manifests.add(m);
            commands.add("kubectl delete service " + svc.name() + " -n " + svc.namespace());
            commands.add("kubectl create -f " + m.path());
        }
        commands.add(ScenarioSupport.LIST_SERVICES);
        steps.add(Step.of("Move every Service off " + removed,
                "Dual-stack Services are applied again as SingleStack with their " + primary.family() + " address "
                        + "(a downgrade keeps the primary address). Services whose first family is " + removed
                        + " cannot change it in place, so they are deleted and created again as " + primary.family()
                        + ".")
                .withManifests(manifests).withCommands(commands)
                .withExpected("No Service has an " + removed + " address.")
                .withChecks(List.of(ScenarioSupport.noAllocatorIpsOf(removed)))
                .withWarnings(List.of("Clients connected over " + removed + " lose their connection; recreated "
                        + "Services are unreachable between delete and create."))
                .withRollback("Apply services-before.yaml's dual-stack specs again (while the apiservers still have "
                        + "both ranges)."));

        List<String> restarts = new ArrayList<>();
        for (String a : apiServers) {
            restarts.add(ScenarioSupport.restart(a, primary.toString()));
        }
        restarts.add("kubectl get events -A");
        steps.add(Step.of("Restart every kube-apiserver with " + primary + " only",
                "With --service-cluster-ip-range=" + primary + " the apiservers stop allocating " + removed + ". "
                        + "The kubernetes ServiceCIDR keeps both ranges: its default-ServiceCIDR controller never "
                        + "shrinks it, and reports the mismatch instead.")
                .withCommands(restarts)
                .withExpected("A Warning event KubernetesDefaultServiceCIDRInconsistent from each apiserver: "
                        + "\"The default ServiceCIDR [" + primary + " " + secondary + "] does not match the controller "
                        + "flag configurations [" + primary + "]\".")
                .withChecks(List.of(ScenarioSupport.flagsEverywhere(primary.toString())))
                .withRollback("Restart them with --service-cluster-ip-range=" + primary + "," + secondary + "."));

        Manifest migration = new Manifest("04-servicecidr-" + MIGRATION_CIDR + ".yaml",
                ScenarioSupport.serviceCidrManifest(MIGRATION_CIDR, List.of(primary.toString())));
        steps.add(Step.of("Replace the kubernetes ServiceCIDR with a single-stack one",
                "A ServiceCIDR's ranges cannot shrink, so the object is replaced: " + MIGRATION_CIDR + " covers "
                        + primary + " while kubernetes is deleted (its finalizer goes because every address it holds "
                        + "is covered and none of " + removed + " is left), then the apiservers create kubernetes "
                        + "again from their flags and " + MIGRATION_CIDR + " can go.")
                .withManifests(List.of(migration))
                .withCommands(List.of("kubectl apply -f " + migration.path(),
                        "kubectl delete servicecidr " + ServiceCidr.DEFAULT_NAME, "sleep 12",
                        "kubectl get servicecidr", "kubectl delete servicecidr " + MIGRATION_CIDR,
                        "kubectl get servicecidr"))
                .withExpected("The kubernetes ServiceCIDR with " + primary + " only, Ready.")
                .withChecks(List.of(ScenarioSupport.cidrsOf(ServiceCidr.DEFAULT_NAME, List.of(primary.toString())),
                        ScenarioSupport.readyStatus(ServiceCidr.DEFAULT_NAME, "True"),
                        ScenarioSupport.gone(MIGRATION_CIDR)))
                .withRollback("Restart the apiservers with both ranges: the controller upgrades kubernetes again."));

        steps.add(Step.of("Reconfigure the network for " + primary.family() + " only",
                "Take " + removed + " out of kube-controller-manager's --service-cluster-ip-range and --cluster-cidr, "
                        + "kube-proxy's --cluster-cidr, the network plugin and the kubelets' --node-ip. Pods keep "
                        + "their " + removed + " addresses until they are recreated.")
                .withCommands(List.of(ControlPlane.STATUS, "kubectl get servicecidr"))
                .withExpected("Every apiserver with " + primary + ".")
                .withWarnings(List.of("The simulated plan does not model kube-proxy or the network plugin: check them "
                        + "on the cluster.")));
        return steps;
    }
}
