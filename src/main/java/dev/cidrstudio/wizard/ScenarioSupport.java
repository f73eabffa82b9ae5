package dev.cidrstudio.wizard;

import dev.cidrstudio.app.ManifestExport;
import dev.cidrstudio.app.PolicyWorkbench;
import dev.cidrstudio.app.ServiceCidrEditor;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.model.allocator.RangeMath;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the reconfiguration scenarios share: the rehearsal's control plane, common checks and pre-flight findings. */
final class ScenarioSupport {

    static final String MIGRATION_CIDR = "servicecidr-migration";
    static final String LIST_SERVICES = "kubectl get services -A -o jsonpath='{range .items[*]}"
            + "{.metadata.namespace}/{.metadata.name} {.spec.ipFamilyPolicy} {.spec.clusterIPs}{\"\\n\"}{end}'";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ScenarioSupport() {
    }

    static ServiceIpRangeFlag flags(ClusterState s) {
        return s.apiServers().get(0).flags();
    }

    static List<String> apiServerNames(ClusterState s) {
        return s.apiServers().stream().map(ApiServerInstance::name).toList();
    }

    static String restart(String apiServer, String range) {
        return ControlPlane.RESTART + " " + apiServer + " --service-cluster-ip-range=" + range;
    }

    /** Go's JSON of a string list, as {@code kubectl -o jsonpath='{.spec.cidrs}'} prints it. */
    static String jsonList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(items.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    /** Quotes a word for a POSIX shell (and the console, which splits words the same way). */
    static String shellQuote(String s) {
        return DocumentText.shellQuote(s);
    }

    static Optional<Cidr> parseCidr(String text) {
        return IpParsing.parseCidrSloppy(text).map(IpParsing.WrittenCidr::masked);
    }

    // ---- checks

    static Check cidrsOf(String serviceCidr, List<String> cidrs) {
        return new Check.CommandCheck("ServiceCIDR " + serviceCidr + " has " + String.join(",", cidrs),
                "kubectl get servicecidr " + serviceCidr + " -o jsonpath='{.spec.cidrs}'", jsonList(cidrs));
    }

    static Check readyStatus(String serviceCidr, String status) {
        return new Check.CommandCheck("ServiceCIDR " + serviceCidr + " is Ready=" + status,
                "kubectl get servicecidr " + serviceCidr
                        + " -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'", status);
    }

    static Check terminating(String serviceCidr) {
        return new Check.CommandCheck("ServiceCIDR " + serviceCidr + " is pending deletion (Terminating)",
                "kubectl get servicecidr " + serviceCidr
                        + " -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].reason}'",
                ServiceCidr.REASON_TERMINATING);
    }

    static Check gone(String serviceCidr) {
        return new Check.CommandCheck("ServiceCIDR " + serviceCidr + " is gone",
                "kubectl get servicecidr " + serviceCidr + " -o name --ignore-not-found", "");
    }

    static Check clusterIp(String namespace, String name, String ip) {
        return new Check.CommandCheck("Service " + namespace + "/" + name + " has cluster IP " + ip,
                "kubectl get service " + name + " -n " + namespace + " -o jsonpath='{.spec.clusterIP}'", ip);
    }

    static Check flagsEverywhere(String range) {
        return new Check.StateCheck("every kube-apiserver runs with --service-cluster-ip-range=" + range,
                ControlPlane.STATUS, api -> api.state().apiServers().stream()
                        .filter(a -> !a.flags().text().equals(range)).findFirst()
                        .map(a -> a.name() + " runs with " + a.flags().text()));
    }

    static Check kubeletDnsMatchesKubeDns() {
        return new Check.StateCheck("every kubelet's clusterDNS is kube-dns's cluster IP", ControlPlane.STATUS,
                api -> {
                    Optional<Service> dns = api.find(Kind.SERVICE, "kube-system", "kube-dns");
                    Optional<String> kubelet = api.kubeletClusterDns();
                    if (dns.isEmpty() || kubelet.isEmpty()) {
                        return Optional.empty();
                    }
                    String ip = dns.get().spec().clusterIP();
                    return ip != null && ip.equals(kubelet.get()) ? Optional.empty()
                            : Optional.of("the kubelets point at " + kubelet.get() + ", kube-dns is at " + ip);
                });
    }

    static Check noServiceIn(Cidr range) {
        return new Check.StateCheck("no Service holds an address in " + range, LIST_SERVICES,
                api -> servicesIn(api.state(), range).stream().findFirst()
                        .map(s -> s.namespace() + "/" + s.name() + " still has " + String.join(",",
                                s.spec().clusterIPsOrEmpty()) + (servicesIn(api.state(), range).size() > 1
                                ? " (and " + (servicesIn(api.state(), range).size() - 1) + " more)" : "")));
    }

    /** Every Service of the list exists again (it was deleted and created in the step). */
    static Check recreated(List<Service> services) {
        return new Check.StateCheck("every recreated Service exists", LIST_SERVICES,
                api -> services.stream().filter(s -> api.find(Kind.SERVICE, s.namespace(), s.name()).isEmpty())
                        .findFirst().map(s -> s.namespace() + "/" + s.name() + " was not created again"));
    }

    static Check noAllocatorIpsOf(IpFamily family) {
        return new Check.StateCheck("no Service holds an " + family + " address", LIST_SERVICES,
                api -> api.state().<IpAddressObject>list(Kind.IP_ADDRESS).stream()
                        .filter(IpAddressObject::managedByAllocator)
                        .filter(ip -> IpParsing.parseIpSloppy(ip.name()).map(a -> a.family() == family).orElse(false))
                        .findFirst().map(ip -> ip.name() + " is still held by " + ip.parentRef().name()));
    }

    // ---- services

    /** The Services (but {@code default/kubernetes}) with a cluster IP inside {@code range}. */
    static List<Service> servicesIn(ClusterState s, Cidr range) {
        List<Service> out = new ArrayList<>();
        for (Service svc : s.<Service>list(Kind.SERVICE)) {
            if (isKubernetesService(svc)) {
                continue;
            }
            for (String ip : svc.spec().clusterIPsOrEmpty()) {
                if (IpParsing.parseIpSloppy(ip).map(range::contains).orElse(false)) {
                    out.add(svc);
                    break;
                }
            }
        }
        return out;
    }

    static boolean isKubernetesService(Service svc) {
        return "default".equals(svc.namespace()) && "kubernetes".equals(svc.name());
    }

    static boolean isKubeDns(Service svc) {
        return "kube-system".equals(svc.namespace()) && "kube-dns".equals(svc.name());
    }

    /**
     * Whether a Service's address was most likely chosen by hand: kubectl's last-applied configuration names a
     * cluster IP, or the address lies in the static band of its range, which the allocator only hands out
     * dynamically once the upper band is full (KEP-3070).
     */
    static boolean hardCoded(Service svc, Cidr range) {
        String last = svc.meta().annotations().get(LAST_APPLIED);
        if (last != null && last.contains("\"clusterIP\"")) {
            return true;
        }
        if (isKubeDns(svc)) {
            return true;
        }
        String ip = svc.spec().clusterIP();
        Optional<IpAddress> a = ip == null ? Optional.empty() : IpParsing.parseIpSloppy(ip);
        if (a.isEmpty() || !range.contains(a.get())) {
            return false;
        }
        long offset = a.get().minus(range.network());
        return offset > 0 && offset <= RangeMath.calculateRangeOffset(range);
    }

    /** The address at the same offset in {@code to} as {@code ip} has in {@code from}, if it is usable there. */
    static Optional<String> sameOffset(String ip, Cidr from, Cidr to) {
        Optional<IpAddress> a = IpParsing.parseIpSloppy(ip);
        if (a.isEmpty() || !from.contains(a.get())) {
            return Optional.empty();
        }
        long offset = a.get().minus(from.network());
        BigInteger size = BigInteger.ONE.shiftLeft(to.hostBits());
        if (offset <= 0 || BigInteger.valueOf(offset).compareTo(size.subtract(BigInteger.ONE)) >= 0) {
            return Optional.empty();
        }
        return Optional.of(to.network().plus(offset).toString());
    }

    /** A Service as a manifest to apply, with {@code edit} changing its spec. */
    @SuppressWarnings("unchecked")
    static String serviceManifest(Service svc, java.util.function.Consumer<Map<String, Object>> edit) {
        Map<String, Object> doc = ManifestExport.manifest(svc);
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) doc.getOrDefault("spec", Map.of()));
        edit.accept(spec);
        doc.put("spec", spec);
        return GoYaml.marshal(doc);
    }

    static String serviceCidrManifest(String name, List<String> cidrs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "networking.k8s.io/v1");
        doc.put("kind", "ServiceCIDR");
        doc.put("metadata", Map.of("name", name));
        doc.put("spec", Map.of("cidrs", cidrs));
        return GoYaml.marshal(doc);
    }

    static String fileName(String prefix, Service svc) {
        return prefix + "-service-" + svc.namespace() + "-" + svc.name() + ".yaml";
    }

    // ---- pre-flight

    static PreflightFinding flagsConsistent(ClusterState s) {
        String title = "apiserver flags consistent";
        List<ApiServerInstance> servers = s.apiServers();
        String first = servers.get(0).flags().text();
        for (ApiServerInstance a : servers) {
            if (!a.flags().text().equals(first)) {
                return PreflightFinding.fail(title, a.name() + " runs with --service-cluster-ip-range=" + a.flags()
                        .text() + ", " + servers.get(0).name() + " with " + first + ".",
                        "restart every kube-apiserver with the same --service-cluster-ip-range first.");
            }
        }
        Optional<ServiceCidr> def = s.get(Kind.SERVICE_CIDR, null, ServiceCidr.DEFAULT_NAME);
        List<String> flagCidrs = servers.get(0).flags().ranges().stream().map(Cidr::toString).toList();
        if (def.isPresent() && !def.get().cidrsOrEmpty().equals(flagCidrs)) {
            return PreflightFinding.fail(title, "the kubernetes ServiceCIDR has " + String.join(",",
                    def.get().cidrsOrEmpty()) + " but the apiservers run with " + first
                    + " (kube-apiserver reports KubernetesDefaultServiceCIDRInconsistent).",
                    "configure the flags to match the kubernetes ServiceCIDR before you start.");
        }
        return PreflightFinding.pass(title, servers.size() + " kube-apiserver" + (servers.size() == 1 ? "" : "s")
                + " with --service-cluster-ip-range=" + first + ", matching the kubernetes ServiceCIDR.");
    }

    /**
     * The target range's own checks: Kubernetes' validation of a ServiceCIDR with it, private, overlaps with Pods,
     * Nodes and other ServiceCIDRs (the names in {@code replacing} are about to go, so overlapping them is fine),
     * and the plan's policies.
     */
    static List<PreflightFinding> targetRange(ClusterState s, String name, List<String> cidrs, List<String> replacing) {
        List<PreflightFinding> out = new ArrayList<>();
        ServiceCidrEditor.Preview p = ServiceCidrEditor.preview(s, name, cidrs);
        if (!p.errors().isEmpty()) {
            out.add(PreflightFinding.fail("valid range", p.errors().stream().map(FieldError::toString)
                    .reduce((a, b) -> a + "; " + b).orElse(""), "give a CIDR such as 10.100.0.0/16 or fd00:10:100::/112."));
            return out;
        }
        out.add(PreflightFinding.pass("valid range", String.join(",", cidrs) + " is a valid ServiceCIDR."));
        List<String> warnings = new ArrayList<>();
        for (String w : ServiceCidrEditor.warnings(s, name, cidrs)) {
            if (replacing.stream().noneMatch(r -> w.contains("ServiceCIDR " + r + " ("))) {
                warnings.add(w);
            }
        }
        List<String> podOverlaps = warnings.stream().filter(w -> w.contains("Pod range")).toList();
        List<String> publicRanges = warnings.stream().filter(w -> w.contains("not a private range")).toList();
        List<String> cidrOverlaps = warnings.stream().filter(w -> w.contains("overlaps ServiceCIDR")).toList();
        out.add(publicRanges.isEmpty() ? PreflightFinding.pass("private", "inside RFC 1918 / unique local space.")
                : PreflightFinding.warn("private", String.join("; ", publicRanges) + ".",
                        "pick a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or fc00::/7."));
        List<String> nodeOverlaps = nodeOverlaps(s, cidrs);
        List<String> podAll = new ArrayList<>(podOverlaps);
        podAll.addAll(nodeOverlaps);
        out.add(podAll.isEmpty() ? PreflightFinding.pass("no overlap with Pods or Nodes",
                "clear of the Pod range and every Node's pod CIDRs.")
                : PreflightFinding.fail("no overlap with Pods or Nodes", String.join("; ", podAll) + ".",
                        "pick a range outside the cluster's Pod network."));
        out.add(cidrOverlaps.isEmpty() ? PreflightFinding.pass("no overlap with other ServiceCIDRs",
                "no other ServiceCIDR shares these addresses.")
                : PreflightFinding.warn("no overlap with other ServiceCIDRs", String.join("; ", cidrOverlaps) + ".",
                        "overlaps are allowed, but a range of its own is easier to reason about."));
        PolicyWorkbench.Verdict v = p.verdict();
        switch (v.outcome()) {
            case DENIED, INVALID -> out.add(PreflightFinding.fail("allowed by the policies",
                    String.join("; ", v.messages()), "pick a range the policies allow, or change the policy first."));
            case WARNING -> out.add(PreflightFinding.warn("allowed by the policies", String.join("; ", v.messages()),
                    ""));
            default -> out.add(PreflightFinding.pass("allowed by the policies",
                    "the plan's ValidatingAdmissionPolicies admit a ServiceCIDR with these ranges."));
        }
        return out;
    }

    private static List<String> nodeOverlaps(ClusterState s, List<String> cidrs) {
        List<String> out = new ArrayList<>();
        for (var k : s.kept()) {
            if (!"Node".equals(k.kind()) || !(k.content().get("spec") instanceof Map<?, ?> spec)
                    || !(spec.get("podCIDRs") instanceof List<?> podCidrs)) {
                continue;
            }
            for (Object pc : podCidrs) {
                for (String c : cidrs) {
                    Optional<Cidr> a = parseCidr(String.valueOf(pc));
                    Optional<Cidr> b = parseCidr(c);
                    if (a.isPresent() && b.isPresent() && a.get().overlaps(b.get())) {
                        out.add(c + " overlaps Node " + k.name() + "'s pod CIDR " + pc);
                    }
                }
            }
        }
        return out;
    }

    /** Room for today's Services of the family plus {@code headroomPercent}. */
    static PreflightFinding bigEnough(ClusterState s, Cidr range, long needed, int headroomPercent) {
        long withHeadroom = needed + (needed * headroomPercent + 99) / 100;
        long hosts = RangeMath.hostsPerNetwork(range);
        BigInteger usable = hosts < 0 ? BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE) : BigInteger.valueOf(hosts);
        String title = "big enough";
        String numbers = String.format(Locale.ROOT, "%,d usable addresses for %,d Services (%,d with %d%% headroom)",
                usable, needed, withHeadroom, headroomPercent);
        if (usable.compareTo(BigInteger.valueOf(needed)) < 0) {
            return PreflightFinding.fail(title, numbers + ": today's Services do not fit.",
                    "pick a shorter prefix.");
        }
        if (usable.compareTo(BigInteger.valueOf(withHeadroom)) < 0) {
            return PreflightFinding.warn(title, numbers + ": little room to grow.", "pick a shorter prefix.");
        }
        return PreflightFinding.pass(title, numbers + ".");
    }

    static PreflightFinding hardCodedServices(List<Service> services, Cidr range) {
        List<String> names = services.stream().filter(s -> hardCoded(s, range))
                .map(s -> s.namespace() + "/" + s.name() + " (" + s.spec().clusterIP() + ")").toList();
        if (names.isEmpty()) {
            return PreflightFinding.pass("hard-coded cluster IPs", "no Service seems to have an address chosen by hand.");
        }
        return PreflightFinding.warn("hard-coded cluster IPs", names.size() + " Service" + (names.size() == 1 ? "" : "s")
                + " with an address chosen by hand (named in kubectl's last-applied configuration, or in the static "
                + "band): " + String.join(", ", names.subList(0, Math.min(8, names.size())))
                + (names.size() > 8 ? ", ..." : "") + ".",
                "they are recreated at the same offset in the new range; update whatever refers to the old address.");
    }


    /** What step 5 of "replace the primary" meets on a 1.33 cluster (the legacy bitmap of the old flag answers). */
    static final String DUAL_WRITE_STEP5 = "Kubernetes 1.33 asks the legacy bitmap of --service-cluster-ip-range (%s) "
            + "for every Service created without a cluster IP; the address it picks is in no ready ServiceCIDR, so "
            + "the create fails with 'Internal error occurred: failed to allocate a serviceIP: the provided network "
            + "does not match the current range'. A Service given an address of the new range is created.";

    /**
     * 1.33's dual write ({@code DisableAllocatorDualWrite} off, its default): kube-apiserver first asks the legacy
     * bitmap of its own {@code --service-cluster-ip-range} and only then the ServiceCIDRs. Replacing the primary range
     * while the apiservers still run with the old flag makes every dynamic allocation pick an address of the old
     * range, which no ready ServiceCIDR holds once the old one is being deleted; and after the restart the bitmap kept
     * in etcd still holds the old range, so a static address of the new range (kubernetes.default's) is refused with
     * {@code the provided range does not match the current range}. Nothing on 1.34 and later.
     */
    static Optional<PreflightFinding> allocatorDualWrite(ClusterState s, Cidr old, Cidr target) {
        if (!s.settings().kubernetesVersion().allocatorDualWrite() || target.containsCidr(old)) {
            return Optional.empty();
        }
        return Optional.of(PreflightFinding.warn("Kubernetes 1.33 dual write",
                "kube-apiserver 1.33 runs with DisableAllocatorDualWrite off and mirrors allocations into the legacy "
                        + "bitmap of " + old + ". At step 5 each Service recreated without a cluster IP fails with "
                        + "'failed to allocate a serviceIP: the provided network does not match the current range' "
                        + "(the bitmap hands out an address of " + old + ", which is being deleted); at step 7 "
                        + "kubernetes.default is not recreated at " + target.network().plus(1) + ": the bitmap in etcd "
                        + "still holds " + old + " ('the provided range does not match the current range').",
                "upgrade to 1.34 first (the dual write is gone), or start every kube-apiserver with "
                        + "--feature-gates=DisableAllocatorDualWrite=true before step 5."));
    }
}
