package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.PathLocator;
import dev.cidrstudio.io.manifest.PodHostsReader;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.hosts.HostAlias;
import dev.cidrstudio.model.hosts.HostAliasValidation;
import dev.cidrstudio.model.hosts.HostsFile;
import dev.cidrstudio.model.hosts.PodAddresses;
import dev.cidrstudio.model.hosts.PodHostsInput;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.pod.PodRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code /etc/hosts} a Pod manifest will get on the planned cluster. */
public final class HostsPreview {

    private static final System.Logger LOG = System.getLogger(HostsPreview.class.getName());

    /** A generic node file, used for a hostNetwork Pod when the node's own file is not given. */
    public static final String GENERIC_NODE_HOSTS = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    private HostsPreview() {
    }

    /**
     * The file, or empty when the kubelet would not manage it; {@code notes} say where addresses came from;
     * {@code errors} are refusals the apiserver would give (then there is no file).
     */
    public record Result(Optional<String> file, List<Finding> notes, List<Finding> errors) {
    }

    /** The HostnameOverride feature gate's default: alpha (off) in 1.34, beta (on) from 1.35. */
    public static boolean hostnameOverrideGate(KubeVersion v) {
        return v == KubeVersion.V1_35;
    }

    /** Reads a Pod document and checks what the apiserver checks of its hosts fields; null when unreadable. */
    static PodHostsReader.PodDocument readAndValidate(Decoded.Other pod, List<Finding> errors) {
        PodHostsReader.PodDocument doc;
        try {
            doc = PodHostsReader.read(pod);
        } catch (ManifestException e) {
            e.problems().forEach(p -> errors.add(ManifestImport.problem(p)));
            return null;
        }
        for (FieldError fe : HostAliasValidation.validate(doc.pod().hostAliases(), "spec.hostAliases", false)) {
            errors.add(new Finding(Finding.Severity.ERROR, doc.source(), PathLocator.find(doc.raw(), fe.field()),
                    "Pod \"" + doc.pod().name() + "\" is invalid: " + fe));
        }
        return doc;
    }

    public static Result preview(List<ManifestImport.Source> podSources, ClusterSettings cluster,
            String nodeHostsFile) {
        List<Finding> errors = new ArrayList<>();
        List<Finding> notes = new ArrayList<>();
        List<Decoded> docs;
        try {
            docs = ManifestImport.decode(podSources);
        } catch (ManifestImport.ImportException e) {
            return new Result(Optional.empty(), notes, e.findings());
        }
        List<Decoded.Other> pods = docs.stream().filter(d -> d instanceof Decoded.Other o && "Pod".equals(o.kind()))
                .map(d -> (Decoded.Other) d).toList();
        if (pods.size() != 1) {
            String where = podSources.isEmpty() ? null : podSources.get(0).name();
            errors.add(new Finding(Finding.Severity.ERROR, where, null, pods.isEmpty() ? "no Pod in the input"
                    : pods.size() + " Pods in the input; give one"));
            return new Result(Optional.empty(), notes, errors);
        }
        PodHostsReader.PodDocument doc = readAndValidate(pods.get(0), errors);
        if (doc == null || !errors.isEmpty()) {
            return new Result(Optional.empty(), notes, errors);
        }
        List<String> ips = doc.statusPodIps();
        if (!doc.pod().hostNetwork() && ips.isEmpty()) {
            List<Cidr> clusterCidrs = Arrays.stream(cluster.clusterCIDR().split(","))
                    .map(s -> IpParsing.parseCidr(s.trim()).orElseThrow()).toList();
            ips = PodAddresses.firstPodIps(PodAddresses.firstNodePodCidrs(clusterCidrs,
                    cluster.nodeCIDRMaskSizeIPv4(), cluster.nodeCIDRMaskSizeIPv6()));
            notes.add(new Finding(Finding.Severity.INFO, doc.source(), doc.mark(), "the Pod has no status.podIPs: "
                    + "it gets " + String.join(", ", ips) + ", the first Pod addresses of a node with pod CIDRs from "
                    + "clusterCIDR " + cluster.clusterCIDR()));
        }
        String node = nodeHostsFile;
        if (doc.pod().hostNetwork() && node == null) {
            node = GENERIC_NODE_HOSTS;
            notes.add(new Finding(Finding.Severity.INFO, doc.source(), doc.mark(), "a hostNetwork Pod copies the "
                    + "node's /etc/hosts; a generic one stands in for it (give the node's file for the real one)"));
        }
        if (doc.windowsHostProcess()) {
            notes.add(new Finding(Finding.Severity.INFO, doc.source(), doc.mark(), "a Windows Pod with a hostProcess "
                    + "container sees the node's own hosts file: the kubelet does not manage it"));
            return new Result(Optional.empty(), notes, errors);
        }
        for (String c : doc.containersMountingHosts()) {
            notes.add(new Finding(Finding.Severity.INFO, doc.source(), doc.mark(), "container " + c + " mounts its "
                    + "own /etc/hosts: the kubelet does not mount this file into it"));
        }
        Optional<String> file = HostsFile.forPod(doc.pod(), ips, cluster.clusterDomain(), node,
                hostnameOverrideGate(cluster.kubernetesVersion()));
        return new Result(file, notes, errors);
    }

    /**
     * A live preview of a Pod being edited: the file (empty when the kubelet would not manage it), where the
     * HostAliases block starts in it (-1 without one), the addresses used, and the apiserver's refusals.
     */
    public record Live(Optional<String> file, int aliasBlockStart, List<String> podIps, List<FieldError> errors) {
    }

    /** The preview of an edited Pod; {@code podIps} empty means "assign as the planned cluster would". */
    public static Live live(PodHostsInput pod, List<String> podIps, ClusterSettings cluster, String nodeHosts) {
        return live(pod, podIps, cluster, nodeHosts, assignedIps(cluster));
    }

    /**
     * The plan's Pods as the planned cluster runs them: a Pod written without status (a manifest) is scheduled and
     * given addresses as {@link PodRuntime#start} gives them, one after the other in the plan's order, so no two hold
     * the same address.
     */
    public static List<KeptObject> placedPods(ApiServer plan) {
        List<KeptObject> placed = new ArrayList<>();
        for (KeptObject k : plan.state().kept()) {
            if (!"Pod".equals(k.kind()) || !"v1".equals(k.apiVersion())) {
                continue;
            }
            if (!podIps(k).isEmpty() || !(k.content().get("spec") instanceof Map<?, ?>)) {
                placed.add(k);
                continue;
            }
            Map<String, Object> started = PodRuntime.start(k.content(), k.namespace(), plan.state(), placed,
                    java.time.Instant.EPOCH);
            placed.add(new KeptObject(k.apiVersion(), k.kind(), k.namespace(), k.name(), started));
        }
        return placed;
    }

    /** A stored Pod's status.podIPs. */
    public static List<String> podIps(KeptObject pod) {
        List<String> out = new ArrayList<>();
        if (pod.content().get("status") instanceof Map<?, ?> status && status.get("podIPs") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("ip") != null) {
                    out.add(String.valueOf(m.get("ip")));
                }
            }
        }
        return out;
    }

    /** The addresses a new Pod gets on a cluster running {@code placed}: free of all of them. */
    public static List<String> newPodIps(dev.cidrstudio.model.cluster.ClusterState plan, List<KeptObject> placed) {
        return PodRuntime.nextPodIps(plan, placed);
    }

    /** The preview of an edited Pod; with {@code podIps} empty it has the {@code assigned} addresses. */
    public static Live live(PodHostsInput pod, List<String> podIps, ClusterSettings cluster, String nodeHosts,
            List<String> assigned) {
        List<FieldError> errors = new ArrayList<>(HostAliasValidation.validate(pod.hostAliases(), "spec.hostAliases",
                false));
        errors.addAll(validatePodIps(podIps));
        List<String> ips = podIps.isEmpty() && !pod.hostNetwork() ? assigned : podIps;
        if (!errors.isEmpty()) {
            return new Live(Optional.empty(), -1, ips, errors);
        }
        String node = nodeHosts == null || nodeHosts.isEmpty() ? GENERIC_NODE_HOSTS : nodeHosts;
        Optional<String> file = HostsFile.forPod(pod, ips, cluster.clusterDomain(), node,
                hostnameOverrideGate(cluster.kubernetesVersion()));
        int start = file.map(f -> f.indexOf("# Entries added by HostAliases.\n")).orElse(-1);
        return new Live(file, start, ips, errors);
    }

    static List<String> assignedIps(ClusterSettings cluster) {
        List<Cidr> clusterCidrs = Arrays.stream(cluster.clusterCIDR().split(","))
                .map(s -> IpParsing.parseCidr(s.trim()).orElseThrow()).toList();
        return PodAddresses.firstPodIps(PodAddresses.firstNodePodCidrs(clusterCidrs, cluster.nodeCIDRMaskSizeIPv4(),
                cluster.nodeCIDRMaskSizeIPv6()));
    }

    /** {@code validatePodIPs}: each a valid IP, no duplicates, at most one per family. */
    public static List<FieldError> validatePodIps(List<String> ips) {
        return PodAddresses.validateStatusPodIps(ips);
    }

    /** The Pods kept in the plan, as hosts inputs with their status addresses. */
    public static List<PodHostsReader.PodDocument> podsOf(ApiServer api) {
        List<PodHostsReader.PodDocument> out = new ArrayList<>();
        for (KeptObject k : api.state().kept()) {
            if (!"Pod".equals(k.kind())) {
                continue;
            }
            try {
                PNode root = new YamlReader().read(k.name(), GoYaml.marshal(k.content())).get(0).root();
                out.add(PodHostsReader.read(new Decoded.Other(k.apiVersion(), k.kind(), k.namespace(), k.name(),
                        (PNode.PMap) root, k.name(), root.mark())));
            } catch (YamlFormatException | ManifestException | RuntimeException e) {
                // A Pod whose hosts fields cannot be read is left out of the list; check reports it.
                LOG.log(System.Logger.Level.DEBUG, () -> "Pod " + k.namespace() + "/" + k.name()
                        + " left out of the hosts preview", e);
            }
        }
        return out;
    }

    /** The edited Pod as a manifest (with its addresses in status when given). */
    public static String podYaml(PodHostsInput pod, List<String> podIps) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "Pod");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", pod.name());
        meta.put("namespace", pod.namespace());
        doc.put("metadata", meta);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("containers", List.of(Map.of("name", "app", "image", "busybox:1.28")));
        if (!pod.hostAliases().isEmpty()) {
            List<Object> aliases = new ArrayList<>();
            for (HostAlias a : pod.hostAliases()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("hostnames", a.hostnames());
                m.put("ip", a.ip());
                aliases.add(m);
            }
            spec.put("hostAliases", aliases);
        }
        if (pod.hostNetwork()) {
            spec.put("hostNetwork", true);
        }
        putIfSet(spec, "hostname", pod.hostname());
        putIfSet(spec, "hostnameOverride", pod.hostnameOverride());
        putIfSet(spec, "subdomain", pod.subdomain());
        doc.put("spec", spec);
        if (!podIps.isEmpty()) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("podIP", podIps.get(0));
            status.put("podIPs", podIps.stream().map(ip -> Map.of("ip", ip)).toList());
            doc.put("status", status);
        }
        return GoYaml.marshal(doc);
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
