package dev.cidrstudio.wizard;

import static dev.cidrstudio.wizard.ScenarioSupport.MIGRATION_CIDR;

import dev.cidrstudio.app.CapacityPlanner;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Kubernetes Default ServiceCIDR Reconfiguration", its seven illustrative steps for the user's plan: a temporary
 * ServiceCIDR with the new range, the default one marked for deletion, the Services renumbered, every apiserver
 * restarted with the new flags, and {@code kubernetes.default} deleted so it comes back in the new range.
 */
final class ReplacePrimaryScenario {

    static final String ID = "replace-primary";
    private static final int HEADROOM = 50;

    private ReplacePrimaryScenario() {
    }

    static Scenario build(ClusterState plan, Optional<String> to) {
        ClusterState start = plan;
        ServiceIpRangeFlag flags = ScenarioSupport.flags(start);
        Cidr old = flags.primary();
        Cidr secondary = flags.secondary();
        List<Service> moving = ScenarioSupport.servicesIn(start, old);
        long needed = moving.size() + 1L;
        List<String> alternatives = new ArrayList<>();
        CapacityPlanner.suggest(start, old.family(), Math.max(needed * 2, 254)).ifPresent(s -> alternatives.add(s.cidr()));
        String targetText = to.orElse(alternatives.isEmpty() ? "" : alternatives.get(0));
        String title = "Replace the primary Service range " + old + (targetText.isEmpty() ? "" : " with " + targetText);
        List<PreflightFinding> pre = new ArrayList<>();
        pre.add(ScenarioSupport.flagsConsistent(start));
        Optional<Cidr> target = ScenarioSupport.parseCidr(targetText);
        if (targetText.isEmpty()) {
            pre.add(PreflightFinding.fail("new range", "no free private range was found near the plan's ranges.",
                    "give one with --to."));
        } else if (targetText.contains(",")) {
            pre.add(PreflightFinding.fail("new range", "give one range, the new primary; the secondary "
                    + (secondary == null ? "family is added with single-to-dual" : secondary + " stays as it is") + ".",
                    "--to " + targetText.split(",")[0]));
        } else if (target.isPresent() && target.get().equals(old)) {
            pre.add(PreflightFinding.fail("new range", targetText + " is today's primary range: nothing to replace.",
                    alternatives.isEmpty() ? "pick another range." : "try " + alternatives.get(0) + "."));
        } else if (target.isPresent() && target.get().family() != old.family()) {
            pre.add(PreflightFinding.fail("same IP family", targetText + " is " + target.get().family()
                    + " but the primary range is " + old.family() + ": changing the primary family also changes "
                    + "every Pod's and node's primary address.", "keep the family here; to add or drop a family use "
                    + "the single-to-dual and dual-to-single scenarios."));
        } else {
            List<String> cidrs = new ArrayList<>(List.of(targetText));
            if (secondary != null) {
                cidrs.add(secondary.toString());
            }
            pre.addAll(ScenarioSupport.targetRange(start, MIGRATION_CIDR, cidrs, List.of(ServiceCidr.DEFAULT_NAME)));
            if (target.isPresent()) {
                Cidr t = target.get();
                String newFlags = t + (secondary == null ? "" : "," + secondary);
                ServiceIpRangeFlag parsed = ServiceIpRangeFlag.parse(newFlags, start.settings().kubernetesVersion());
                pre.add(parsed.valid() ? PreflightFinding.pass("kube-apiserver accepts the flag",
                        "--service-cluster-ip-range=" + newFlags + " passes kube-apiserver's start-up checks.")
                        : PreflightFinding.fail("kube-apiserver accepts the flag", String.join("; ", parsed.errors())
                                + ".", "pick a range kube-apiserver "
                                + start.settings().kubernetesVersion().text() + " accepts."));
                pre.add(ScenarioSupport.bigEnough(start, t, needed, HEADROOM));
                pre.add(ScenarioSupport.hardCodedServices(moving, old));
                pre.add(dnsFinding(start, old, t));
                ScenarioSupport.allocatorDualWrite(start, old, t).ifPresent(pre::add);
                secondFamily(moving, secondary).ifPresent(pre::add);
                if (t.overlaps(old)) {
                    pre.add(PreflightFinding.warn("renumbering", targetText + " overlaps " + old + ": Services whose "
                            + "address is in both keep it.", ""));
                }
            }
        }
        List<Step> steps = target.isPresent() && pre.stream().noneMatch(f -> f.verdict()
                == PreflightFinding.Verdict.FAIL) ? steps(start, old, secondary, target.get(), moving) : List.of();
        return new Scenario(ID, title, "Replace the default ServiceCIDR with a new range, with the seven steps of "
                + "'Kubernetes Default ServiceCIDR Reconfiguration'. Every Service with an address in " + old
                + " is recreated and gets a new one" + (secondary == null ? "." : "; a dual-stack one gets a new "
                        + secondary.family() + " address too."), start, pre, steps, to.isPresent() ? alternatives : List.of());
    }

    /**
     * The dual-stack Services among those recreated, with their address of the secondary family: recreating a
     * Service allocates every one of its cluster IPs again. The docs page's step 5 has the allocator pick the new
     * primary address, and Kubernetes refuses a {@code clusterIPs} entry left empty for it ("must be a valid IP
     * address"), so a recreated Service cannot ask for its old secondary address while its primary one is allocated.
     */
    static List<String> secondFamilyAddresses(List<Service> moving, Cidr secondary) {
        List<String> out = new ArrayList<>();
        if (secondary == null) {
            return out;
        }
        for (Service svc : moving) {
            for (String ip : svc.spec().clusterIPsOrEmpty()) {
                if (IpParsing.parseIpSloppy(ip).map(a -> a.family() == secondary.family()).orElse(false)) {
                    out.add(svc.namespace() + "/" + svc.name() + " (" + ip + ")");
                }
            }
        }
        return out;
    }

    private static Optional<PreflightFinding> secondFamily(List<Service> moving, Cidr secondary) {
        List<String> renumbered = secondFamilyAddresses(moving, secondary);
        if (renumbered.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PreflightFinding.warn(secondary.family() + " addresses change too",
                secondFamilyText(renumbered, secondary), "after step 5, update what points at the old "
                        + secondary.family() + " addresses (firewall rules, hosts files, clients that keep "
                        + "addresses); reach the Services by their DNS names."));
    }

    private static String secondFamilyText(List<String> renumbered, Cidr secondary) {
        return renumbered.size() + " dual-stack Service" + (renumbered.size() == 1 ? "" : "s") + " get"
                + (renumbered.size() == 1 ? "s" : "") + " a new " + secondary.family() + " address as well when "
                + (renumbered.size() == 1 ? "it is" : "they are") + " recreated in step 5, although " + secondary
                + " stays: " + String.join(", ", renumbered) + ". Recreating a Service allocates all its cluster "
                + "IPs again; Kubernetes does not let it keep its " + secondary.family() + " address while the "
                + "allocator picks the new primary one.";
    }

    private static PreflightFinding dnsFinding(ClusterState s, Cidr old, Cidr target) {
        Optional<Service> dns = s.get(Kind.SERVICE, "kube-system", "kube-dns");
        if (dns.isEmpty() || dns.get().spec().clusterIP() == null) {
            return PreflightFinding.pass("DNS Service address", "the plan has no kube-dns Service.");
        }
        String ip = dns.get().spec().clusterIP();
        Optional<String> next = ScenarioSupport.sameOffset(ip, old, target);
        if (next.isEmpty()) {
            return PreflightFinding.pass("DNS Service address", "kube-dns (" + ip + ") is outside " + old
                    + " and keeps its address.");
        }
        return PreflightFinding.warn("DNS Service address", "kube-dns moves from " + ip + " to " + next.get()
                + "; every kubelet's clusterDNS (" + s.settings().kubeletClusterDns().orElse("<none>")
                + ") must follow, and Pods keep the old nameserver until they are recreated.",
                "step 5 reconfigures the kubelets; restart your workloads afterwards.");
    }

    private static List<Step> steps(ClusterState s, Cidr old, Cidr secondary, Cidr target, List<Service> moving) {
        List<String> newCidrs = new ArrayList<>(List.of(target.toString()));
        List<String> oldCidrs = new ArrayList<>(List.of(old.toString()));
        if (secondary != null) {
            newCidrs.add(secondary.toString());
            oldCidrs.add(secondary.toString());
        }
        String newFlags = String.join(",", newCidrs);
        List<String> apiServers = ScenarioSupport.apiServerNames(s);
        List<Step> steps = new ArrayList<>();

        steps.add(Step.of("Start from the apiservers' current flags",
                "Every kube-apiserver runs with --service-cluster-ip-range=" + ScenarioSupport.flags(s).text()
                        + ", and the first one to start created the kubernetes ServiceCIDR from it. Check that "
                        + "the flags and the object agree before changing anything.")
                .withCommands(List.of(ControlPlane.STATUS, "kubectl get servicecidr",
                        "kubectl get service kubernetes"))
                .withExpected("The kubernetes ServiceCIDR lists " + String.join(",", oldCidrs)
                        + " and kubernetes.default has " + ScenarioSupport.flags(s).kubernetesServiceIp() + ".")
                .withChecks(List.of(ScenarioSupport.cidrsOf(ServiceCidr.DEFAULT_NAME, oldCidrs),
                        ScenarioSupport.clusterIp("default", "kubernetes",
                                ScenarioSupport.flags(s).kubernetesServiceIp().toString()))));

        steps.add(Step.of("Take stock of the Services that hold addresses from " + old,
                moving.size() + " Service" + (moving.size() == 1 ? "" : "s") + " besides kubernetes.default "
                        + (moving.size() == 1 ? "has" : "have") + " an address in " + old + " and will be "
                        + "recreated. Keep a copy of them before you start.")
                .withCommands(List.of(ScenarioSupport.LIST_SERVICES,
                        "kubectl get services -A -o yaml > services-before.yaml"))
                .withExpected("One line per Service with its family policy and cluster IPs; services-before.yaml "
                        + "holds them all.")
                .withRollback("Nothing changed yet."));

        List<String> sharingFamily = new ArrayList<>();
        for (ServiceCidr sc : s.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            if (!sc.name().equals(ServiceCidr.DEFAULT_NAME) && sc.cidrsOrEmpty().stream().anyMatch(c ->
                    ScenarioSupport.parseCidr(c).map(x -> x.family() == old.family()).orElse(false))) {
                sharingFamily.add(sc.name());
            }
        }
        Manifest migration = new Manifest("03-servicecidr-" + MIGRATION_CIDR + ".yaml",
                ScenarioSupport.serviceCidrManifest(MIGRATION_CIDR, newCidrs));
        steps.add(Step.of("Introduce the new range as a temporary ServiceCIDR",
                "ServiceCIDR " + MIGRATION_CIDR + " with " + newFlags + " gives the allocator the new addresses "
                        + "while the apiservers still run with the old flags. It is temporary: once the apiservers "
                        + "recreate the kubernetes ServiceCIDR with the new range, it can go.")
                .withManifests(List.of(migration))
                .withCommands(List.of("kubectl apply -f " + migration.path(), "kubectl get servicecidr"))
                .withExpected("servicecidr.networking.k8s.io/" + MIGRATION_CIDR + " created, and Ready=True soon "
                        + "after (kube-controller-manager's service-cidr-controller).")
                .withChecks(List.of(ScenarioSupport.readyStatus(MIGRATION_CIDR, "True"),
                        ScenarioSupport.cidrsOf(MIGRATION_CIDR, newCidrs)))
                .withRollback("kubectl delete servicecidr " + MIGRATION_CIDR));

        steps.add(Step.of("Mark the kubernetes ServiceCIDR for deletion",
                "Deleting it stops new allocations from " + old + ". It stays, pending deletion, while IPAddresses "
                        + "in it remain: the finalizer " + ServiceCidr.FINALIZER + " holds it. kubectl would wait "
                        + "for the finalizer, hence --wait=false.")
                .withCommands(List.of("kubectl delete servicecidr " + ServiceCidr.DEFAULT_NAME + " --wait=false",
                        "kubectl get servicecidr " + ServiceCidr.DEFAULT_NAME + " -o yaml"))
                .withExpected("Ready=False with reason Terminating and the message \"There are still IPAddresses "
                        + "referencing the ServiceCIDR, please remove them or create a new ServiceCIDR\".")
                .withChecks(List.of(ScenarioSupport.terminating(ServiceCidr.DEFAULT_NAME)))
                .withWarnings(sharingFamily.isEmpty() ? List.of() : List.of("New " + old.family() + " addresses now "
                        + "come from " + MIGRATION_CIDR + " and also from " + String.join(", ", sharingFamily)
                        + ": the allocator picks any ready ServiceCIDR of the family."))
                .withRollback("A deletion cannot be undone: to go back, recreate the Services in step 5 from "
                        + "services-before.yaml once the old ServiceCIDR is gone, and start over."));

        steps.add(renumber(s, old, secondary, target, moving));

        List<String> restarts = new ArrayList<>();
        for (String a : apiServers) {
            restarts.add(ScenarioSupport.restart(a, newFlags));
        }
        restarts.add(ControlPlane.STATUS);
        steps.add(Step.of("Restart the kube-apiservers with the new range",
                "On each control-plane node, set --service-cluster-ip-range=" + newFlags + " in the kube-apiserver "
                        + "manifest and let it restart; replace every old instance. Then reconfigure what else "
                        + "knows the Service range: kube-controller-manager's --service-cluster-ip-range, the network "
                        + "plugin (routes or BGP advertisements of Service addresses), service meshes.")
                .withCommands(restarts)
                .withExpected("Each apiserver starts with the new flags. The kubernetes ServiceCIDR is being "
                        + "deleted, so its default-ServiceCIDR controller leaves it alone.")
                .withChecks(List.of(ScenarioSupport.flagsEverywhere(newFlags)))
                .withWarnings(apiServers.size() > 1 ? List.of("Restart all " + apiServers.size() + " apiservers "
                        + "before step 7: an apiserver still on the old flags would recreate the kubernetes "
                        + "ServiceCIDR with " + old + " once the old one is gone.") : List.of())
                .withRollback("Restart the apiservers with --service-cluster-ip-range=" + String.join(",", oldCidrs)
                        + "."));

        List<String> last = new ArrayList<>(List.of("kubectl delete service kubernetes", "sleep 20",
                "kubectl get service kubernetes", "kubectl get servicecidr",
                "kubectl delete servicecidr " + MIGRATION_CIDR, "kubectl get servicecidr"));
        String kubernetesIp = target.network().plus(1).toString();
        steps.add(Step.of("Delete kubernetes.default so it comes back in the new range",
                "An apiserver recreates the kubernetes Service from its flags within its 10 s reconcile interval, "
                        + "at " + kubernetesIp + ". That frees the last address in " + old + ": the old kubernetes "
                        + "ServiceCIDR's finalizer goes, and the apiservers create it again from their new flags. "
                        + MIGRATION_CIDR + " then has a parent and can be deleted.")
                .withCommands(last)
                .withExpected("kubernetes.default at " + kubernetesIp + "; the kubernetes ServiceCIDR with "
                        + newFlags + "; " + MIGRATION_CIDR + " deleted.")
                .withChecks(List.of(ScenarioSupport.clusterIp("default", "kubernetes", kubernetesIp),
                        ScenarioSupport.cidrsOf(ServiceCidr.DEFAULT_NAME, newCidrs),
                        ScenarioSupport.readyStatus(ServiceCidr.DEFAULT_NAME, "True"),
                        ScenarioSupport.gone(MIGRATION_CIDR), ScenarioSupport.noServiceIn(old)))
                .withWarnings(List.of("Clients that reach the API server at " + ScenarioSupport.flags(s)
                        .kubernetesServiceIp() + " (hard-coded, or in a certificate's SANs) break: kubeadm puts the "
                        + "kubernetes Service IP in the apiserver certificate, so renew it with the new address."))
                .withRollback("None once the old ServiceCIDR is gone: plan it as a one-way step."));
        return steps;
    }

    private static Step renumber(ClusterState s, Cidr old, Cidr secondary, Cidr target, List<Service> moving) {
        List<String> commands = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<String> newDns = Optional.empty();
        for (Service svc : moving) {
            Optional<String> fixed = ScenarioSupport.hardCoded(svc, old)
                    ? ScenarioSupport.sameOffset(svc.spec().clusterIP(), old, target) : Optional.empty();
            String content = ScenarioSupport.serviceManifest(svc, spec -> {
                spec.remove("clusterIP");
                spec.remove("clusterIPs");
                fixed.ifPresent(ip -> {
                    spec.put("clusterIP", ip);
                    spec.put("clusterIPs", List.of(ip));
                });
                if (svc.spec().clusterIPsOrEmpty().size() > 1 && fixed.isPresent()) {
                    // The secondary family's address is allocated again.
                    spec.put("clusterIPs", List.of(fixed.get()));
                }
            });
            Manifest m = new Manifest(ScenarioSupport.fileName("05", svc), content);
            manifests.add(m);
            commands.add("kubectl delete service " + svc.name() + " -n " + svc.namespace());
            commands.add("kubectl create -f " + m.path());
            if (fixed.isPresent()) {
                checks.add(ScenarioSupport.clusterIp(svc.namespace(), svc.name(), fixed.get()));
            }
            if (ScenarioSupport.isKubeDns(svc) && fixed.isPresent()) {
                newDns = fixed;
            }
        }
        if (newDns.isPresent()) {
            commands.add(ControlPlane.SET_KUBELET_DNS + " " + newDns.get());
            checks.add(ScenarioSupport.kubeletDnsMatchesKubeDns());
            warnings.add("kube-dns moves to " + newDns.get() + ": Pods resolve names only after the kubelets' "
                    + "clusterDNS changes and the Pods are recreated (their resolv.conf is written at start).");
        }
        commands.add(ScenarioSupport.LIST_SERVICES);
        checks.add(ScenarioSupport.recreated(moving));
        checks.add(ScenarioSupport.noServiceIn(old));
        warnings.add("Each Service is unreachable between its delete and create, and clients that cached its "
                + "address break until they resolve it again.");
        List<String> renumbered = secondFamilyAddresses(moving, secondary);
        if (!renumbered.isEmpty()) {
            warnings.add(secondFamilyText(renumbered, secondary));
        }
        if (moving.isEmpty()) {
            warnings.add("No Service but kubernetes.default holds an address in " + old + ": nothing to recreate.");
        }
        if (s.settings().kubernetesVersion().allocatorDualWrite() && !target.containsCidr(old)) {
            warnings.add(ScenarioSupport.DUAL_WRITE_STEP5.formatted(old));
        }
        return Step.of("Recreate the Services so they get addresses from the new range",
                "Each Service is deleted and created again from its manifest without its cluster IP, so the allocator "
                        + "gives it one from a ready ServiceCIDR: " + old + " no longer serves allocations. "
                        + "Services whose address was chosen by hand keep their offset (kube-dns: the 10th address). "
                        + "NodePorts and the rest of the spec are kept.")
                .withManifests(manifests).withCommands(commands)
                .withExpected("Every recreated Service has an address outside " + old + "; the old kubernetes "
                        + "ServiceCIDR still holds kubernetes.default.")
                .withChecks(checks).withWarnings(warnings)
                .withRollback("There is no way back to the old addresses: a static address needs a ready "
                        + "ServiceCIDR that contains it, and " + old + " is being deleted. Go forward.");
    }
}
