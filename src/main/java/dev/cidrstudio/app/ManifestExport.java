package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.ClusterDocuments;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the planned cluster as manifests a user can {@code kubectl apply}: kubectl-style YAML documents in a
 * dependency-safe order, without the objects and fields the control plane owns (unless asked to keep them).
 */
public final class ManifestExport {

    /**
     * What to include. {@code keepStatus} also keeps system objects, events and allocator IPAddresses;
     * {@code dropAllocatedIps} leaves out the cluster IPs the allocator picked (those in a range's dynamic band), so
     * the export applies to a cluster with other Service ranges, while hand-picked ones (the static band) stay.
     */
    public record Options(boolean keepStatus, boolean includeCluster, boolean dropAllocatedIps) {
        public static final Options APPLY = new Options(false, false);
        public static final Options PLAN = new Options(true, true);

        public Options(boolean keepStatus, boolean includeCluster) {
            this(keepStatus, includeCluster, false);
        }
    }

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final List<String> KEPT_ORDER = List.of("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    static final List<String> SERVER_META = List.of("uid", "resourceVersion", "creationTimestamp", "managedFields",
            "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private ManifestExport() {
    }

    public static String export(ApiServer api, Options o) {
        StringBuilder sb = new StringBuilder();
        forEachDocument(api.state(), o, d -> {
            if (sb.length() > 0) {
                sb.append("---\n");
            }
            sb.append(GoYaml.marshal(d));
        });
        return sb.toString();
    }

    /**
     * As {@link #export(ApiServer, Options)}, written document by document: a plan of a big dump is never held
     * whole in memory, as text or as documents.
     */
    public static void export(ApiServer api, Options o, java.io.Writer w) throws java.io.IOException {
        boolean[] first = {true};
        try {
            forEachDocument(api.state(), o, d -> {
                try {
                    if (!first[0]) {
                        w.write("---\n");
                    }
                    first[0] = false;
                    w.write(GoYaml.marshal(d));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The documents in apply order: Cluster, Namespaces, policies, ServiceCIDRs, IPAddresses, Services, rest. */
    public static List<Map<String, Object>> documents(ClusterState s, Options o) {
        List<Map<String, Object>> out = new ArrayList<>();
        forEachDocument(s, o, out::add);
        return out;
    }

    /** Hands each document, in apply order, to {@code out} as it is made. */
    private static void forEachDocument(ClusterState s, Options o, java.util.function.Consumer<Map<String, Object>> out) {
        if (o.includeCluster()) {
            out.accept(ClusterDocuments.encode(s.settings()));
        }
        for (Namespace ns : s.<Namespace>list(Kind.NAMESPACE)) {
            if (o.keepStatus() || !ApiServer.SYSTEM_NAMESPACES.contains(ns.name())) {
                out.accept(clean(ns, o));
            }
        }
        for (String kind : KEPT_ORDER) {
            for (KeptObject k : s.kept()) {
                if (k.kind().equals(kind)) {
                    out.accept(clean(k, o));
                }
            }
        }
        for (ServiceCidr sc : s.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            if (o.keepStatus() || !ServiceCidr.DEFAULT_NAME.equals(sc.name())) {
                out.accept(clean(sc, o));
            }
        }
        for (IpAddressObject ip : s.<IpAddressObject>list(Kind.IP_ADDRESS)) {
            if (o.keepStatus() || !ip.managedByAllocator()) {
                out.accept(clean(ip, o));
            }
        }
        for (Service svc : s.<Service>list(Kind.SERVICE)) {
            if (o.keepStatus() || !systemService(svc)) {
                Map<String, Object> doc = clean(svc, o);
                if (o.dropAllocatedIps() && !o.keepStatus() && allocatedIps(s, svc)) {
                    dropClusterIps(doc);
                }
                out.accept(doc);
            }
        }
        for (KeptObject k : s.kept()) {
            if (!KEPT_ORDER.contains(k.kind())) {
                out.accept(clean(k, o));
            }
        }
        if (o.keepStatus()) {
            for (KubeObject e : s.list(Kind.EVENT)) {
                out.accept(clean(e, o));
            }
        }
    }

    /**
     * What an export with these options leaves out of the plan, one line each with the reason, in the order the
     * documents would have come; empty when it keeps everything.
     */
    public static List<String> leftOut(ClusterState s, Options o) {
        List<String> out = new ArrayList<>();
        if (!o.includeCluster()) {
            out.add("the Cluster settings document: kube-apiserver flags, the Pod range and clusterDNS are not an "
                    + "object kubectl can apply");
        }
        if (o.keepStatus()) {
            return out;
        }
        long namespaces = s.<Namespace>list(Kind.NAMESPACE).stream()
                .filter(ns -> ApiServer.SYSTEM_NAMESPACES.contains(ns.name())).count();
        if (namespaces > 0) {
            out.add(count(namespaces, "system Namespace") + " (default, kube-system, ...): every cluster has them");
        }
        if (s.get(Kind.SERVICE_CIDR, null, ServiceCidr.DEFAULT_NAME).isPresent()) {
            out.add("ServiceCIDR kubernetes: each kube-apiserver makes it from its --service-cluster-ip-range");
        }
        long allocated = s.<IpAddressObject>list(Kind.IP_ADDRESS).stream()
                .filter(IpAddressObject::managedByAllocator).count();
        if (allocated > 0) {
            out.add(count(allocated, "IPAddress object") + " of the allocator: it makes them again as the Services "
                    + "are created");
        }
        if (s.get(Kind.SERVICE, "default", "kubernetes").isPresent()) {
            out.add("Service default/kubernetes: kube-apiserver creates it on the first address of its range");
        }
        if (s.get(Kind.SERVICE, "kube-system", "kube-dns").isPresent()) {
            out.add("Service kube-system/kube-dns: the cluster installer creates it, on the address the kubelets' "
                    + "clusterDNS names");
        }
        int events = s.count(Kind.EVENT);
        if (events > 0) {
            out.add(count(events, "Event") + ": a cluster records its own");
        }
        if (o.dropAllocatedIps()) {
            long dropped = s.<Service>list(Kind.SERVICE).stream()
                    .filter(svc -> !systemService(svc) && allocatedIps(s, svc)).count();
            if (dropped > 0) {
                out.add("the cluster IPs of " + count(dropped, "Service") + ": the allocator picked them (the "
                        + "dynamic band), and the target cluster's allocator picks them from its own ranges; "
                        + "hand-picked addresses (the static band) stay");
            }
        }
        out.add("status, uid, resourceVersion and creationTimestamp of every object: the API server sets them");
        return out;
    }

    /**
     * Whether every cluster IP of {@code svc} lies in the dynamic band of a ServiceCIDR: addresses the allocator
     * picks itself, as it takes the static (lower) band only for requested addresses while the dynamic band has
     * room. A headless or ExternalName Service has none.
     */
    static boolean allocatedIps(ClusterState s, Service svc) {
        List<String> ips = svc.spec().clusterIPsOrEmpty().stream()
                .filter(ip -> !ip.isEmpty() && !"None".equals(ip)).toList();
        if (ips.isEmpty()) {
            return false;
        }
        List<dev.cidrstudio.model.allocator.CidrAllocator> ranges = new ArrayList<>();
        for (ServiceCidr sc : s.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            for (String c : sc.cidrsOrEmpty()) {
                dev.cidrstudio.model.net.IpParsing.parseCidr(c).map(dev.cidrstudio.model.allocator.CidrAllocator::forCidr)
                        .ifPresent(ranges::add);
            }
        }
        for (String ip : ips) {
            var address = dev.cidrstudio.model.net.IpParsing.parseIp(ip);
            if (address.isEmpty() || ranges.stream().noneMatch(r -> r != null && r.inRange(address.get()))
                    || ranges.stream().anyMatch(r -> r != null && r.inStaticBand(address.get()))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void dropClusterIps(Map<String, Object> doc) {
        if (doc.get("spec") instanceof Map<?, ?> spec) {
            ((Map<String, Object>) spec).remove("clusterIP");
            ((Map<String, Object>) spec).remove("clusterIPs");
        }
    }

    /**
     * The export split for {@code kubectl apply -f DIR}: {@code cluster-scoped.yaml} (the Cluster document if asked,
     * Namespaces, policies, ServiceCIDRs, IPAddresses, Nodes) and one {@code namespace-NAME.yaml} per namespace, in
     * the order kubectl applies a folder's files (by name). Files without documents are not listed.
     */
    public static Map<String, String> byNamespace(ApiServer api, Options o) {
        Map<String, StringBuilder> files = new java.util.TreeMap<>();
        forEachDocument(api.state(), o, d -> {
            String ns = d.get("metadata") instanceof Map<?, ?> m && m.get("namespace") instanceof String n
                    && !n.isEmpty() ? n : null;
            StringBuilder b = files.computeIfAbsent(ns == null ? CLUSTER_SCOPED_FILE : "namespace-" + ns + ".yaml",
                    k -> new StringBuilder());
            if (b.length() > 0) {
                b.append("---\n");
            }
            b.append(GoYaml.marshal(d));
        });
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    public static final String CLUSTER_SCOPED_FILE = "cluster-scoped.yaml";

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** One object as a manifest to apply: without status, server-owned metadata or last-applied. */
    public static Map<String, Object> manifest(KubeObject obj) {
        return clean(obj, Options.APPLY);
    }

    /** Objects the control plane or the cluster installer makes on its own. */
    static boolean systemService(Service s) {
        return ("default".equals(s.namespace()) && "kubernetes".equals(s.name()))
                || ("kube-system".equals(s.namespace()) && "kube-dns".equals(s.name()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> clean(KubeObject obj, Options o) {
        Map<String, Object> doc = ManifestEncoder.encode(obj);
        if (o.keepStatus()) {
            return doc;
        }
        doc.remove("status");
        Map<String, Object> meta = (Map<String, Object>) doc.get("metadata");
        SERVER_META.forEach(meta::remove);
        if (meta.get("annotations") instanceof Map<?, ?> a) {
            Map<String, Object> ann = new LinkedHashMap<>((Map<String, Object>) a);
            ann.remove(LAST_APPLIED);
            if (ann.isEmpty()) {
                meta.remove("annotations");
            } else {
                meta.put("annotations", ann);
            }
        }
        if (meta.get("finalizers") instanceof List<?> f) {
            List<Object> kept = new ArrayList<>(f);
            kept.remove(ServiceCidr.FINALIZER);
            if (kept.isEmpty()) {
                meta.remove("finalizers");
            } else {
                meta.put("finalizers", kept);
            }
        }
        if (obj instanceof Namespace) {
            doc.remove("spec");
            if (meta.get("labels") instanceof Map<?, ?> l) {
                Map<String, Object> labels = new LinkedHashMap<>((Map<String, Object>) l);
                labels.remove(Namespace.NAME_LABEL);
                if (labels.isEmpty()) {
                    meta.remove("labels");
                } else {
                    meta.put("labels", labels);
                }
            }
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> clean(KeptObject k, Options o) {
        Map<String, Object> doc = deepCopy(k.content());
        if (o.keepStatus()) {
            return doc;
        }
        doc.remove("status");
        if (doc.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> meta = (Map<String, Object>) m;
            SERVER_META.forEach(meta::remove);
            if (meta.get("annotations") instanceof Map<?, ?> a) {
                ((Map<String, Object>) a).remove(LAST_APPLIED);
                if (((Map<?, ?>) a).isEmpty()) {
                    meta.remove("annotations");
                }
            }
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((key, v) -> out.put(key, copyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copyValue(x)));
            return out;
        }
        return v;
    }
}
