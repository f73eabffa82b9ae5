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

    /** What to include. {@code keepStatus} also keeps system objects, events and allocator IPAddresses. */
    public record Options(boolean keepStatus, boolean includeCluster) {
        public static final Options APPLY = new Options(false, false);
        public static final Options PLAN = new Options(true, true);
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
                out.accept(clean(svc, o));
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
        out.add("status, uid, resourceVersion and creationTimestamp of every object: the API server sets them");
        return out;
    }

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
