package dev.cidrstudio.io.manifest;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns model objects into the JSON shape kube-apiserver returns them in (plain maps, lists, strings, numbers),
 * with Go's {@code omitempty} rules, ready for {@link GoYaml} or {@link GoJson}.
 */
public final class ManifestEncoder {

    private ManifestEncoder() {
    }

    /** RFC 3339 with whole seconds, as metav1.Time marshals. */
    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Map<String, Object> encode(KubeObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", o.kind().apiVersion());
        m.put("kind", o.kind().kindName());
        m.put("metadata", meta(o.meta()));
        if (o instanceof Namespace ns) {
                // The namespace lifecycle adds the "kubernetes" finalizer when the server creates it.
                m.put("spec", ns.phase() == null ? Map.of() : Map.of("finalizers", List.of("kubernetes")));
                Map<String, Object> status = new LinkedHashMap<>();
                if (ns.phase() != null) {
                    status.put("phase", ns.phase());
                }
                m.put("status", status);
        } else if (o instanceof Service svc) {
                m.put("spec", serviceSpec(svc.spec()));
                Map<String, Object> lb = new LinkedHashMap<>();
                if (!svc.loadBalancerIngress().isEmpty()) {
                    List<Object> ingress = new ArrayList<>();
                    for (Service.LoadBalancerIngress i : svc.loadBalancerIngress()) {
                        Map<String, Object> im = new LinkedHashMap<>();
                        putIf(im, "ip", i.ip());
                        putIf(im, "hostname", i.hostname());
                        ingress.add(im);
                    }
                    lb.put("ingress", ingress);
                }
                m.put("status", Map.of("loadBalancer", lb));
        } else if (o instanceof ServiceCidr sc) {
                Map<String, Object> spec = new LinkedHashMap<>();
                if (sc.cidrs() != null && !sc.cidrs().isEmpty()) {
                    spec.put("cidrs", sc.cidrs());
                }
                m.put("spec", spec);
                Map<String, Object> status = new LinkedHashMap<>();
                if (!sc.conditions().isEmpty()) {
                    List<Object> cs = new ArrayList<>();
                    for (Condition c : sc.conditions()) {
                        cs.add(condition(c));
                    }
                    status.put("conditions", cs);
                }
                m.put("status", status);
        } else if (o instanceof IpAddressObject ip) {
                Map<String, Object> spec = new LinkedHashMap<>();
                if (ip.parentRef() != null) {
                    spec.put("parentRef", parentRef(ip.parentRef()));
                }
                m.put("spec", spec);
        } else if (o instanceof Event ev) {
                Map<String, Object> io = new LinkedHashMap<>();
                if (ev.involvedObject() != null) {
                    putIf(io, "apiVersion", ev.involvedObject().apiVersion());
                    putIf(io, "kind", ev.involvedObject().kind());
                    putIf(io, "name", ev.involvedObject().name());
                    putIf(io, "namespace", ev.involvedObject().namespace());
                    putIf(io, "uid", ev.involvedObject().uid());
                }
                m.put("involvedObject", io);
                putIf(m, "reason", ev.reason());
                putIf(m, "message", ev.message());
                putIf(m, "type", ev.type());
                Map<String, Object> src = new LinkedHashMap<>();
                putIf(src, "component", ev.sourceComponent());
                m.put("source", src);
                if (ev.firstTimestamp() != null) {
                    m.put("firstTimestamp", time(ev.firstTimestamp()));
                }
                if (ev.lastTimestamp() != null) {
                    m.put("lastTimestamp", time(ev.lastTimestamp()));
                }
                m.put("count", ev.count());
                m.put("eventTime", null);
                m.put("reportingComponent", ev.sourceComponent() == null ? "" : ev.sourceComponent());
                m.put("reportingInstance", "");
        }
        return m;
    }

    private static Map<String, Object> condition(Condition c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lastTransitionTime", c.lastTransitionTime() == null ? null : time(c.lastTransitionTime()));
        m.put("message", c.message() == null ? "" : c.message());
        if (c.observedGeneration() != null && c.observedGeneration() != 0) {
            m.put("observedGeneration", c.observedGeneration());
        }
        m.put("reason", c.reason() == null ? "" : c.reason());
        m.put("status", c.status());
        m.put("type", c.type());
        return m;
    }

    private static Map<String, Object> parentRef(ParentReference r) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "group", r.group());
        putIf(m, "resource", r.resource());
        putIf(m, "namespace", r.namespace());
        putIf(m, "name", r.name());
        return m;
    }

    public static Map<String, Object> meta(ObjectMeta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!meta.annotations().isEmpty()) {
            m.put("annotations", meta.annotations());
        }
        m.put("creationTimestamp", meta.creationTimestamp() == null ? null : time(meta.creationTimestamp()));
        if (meta.deletionGracePeriodSeconds() != null) {
            m.put("deletionGracePeriodSeconds", meta.deletionGracePeriodSeconds());
        }
        if (meta.deletionTimestamp() != null) {
            m.put("deletionTimestamp", time(meta.deletionTimestamp()));
        }
        if (!meta.finalizers().isEmpty()) {
            m.put("finalizers", meta.finalizers());
        }
        putIf(m, "generateName", meta.generateName());
        if (!meta.labels().isEmpty()) {
            m.put("labels", meta.labels());
        }
        putIf(m, "name", meta.name());
        putIf(m, "namespace", meta.namespace());
        putIf(m, "resourceVersion", meta.resourceVersion());
        putIf(m, "uid", meta.uid());
        return m;
    }

    public static Map<String, Object> serviceSpec(ServiceSpec s) {
        Map<String, Object> m = new LinkedHashMap<>(s.otherFields());
        putIf(m, "allocateLoadBalancerNodePorts", s.allocateLoadBalancerNodePorts());
        putIf(m, "clusterIP", s.clusterIP());
        if (s.clusterIPs() != null && !s.clusterIPs().isEmpty()) {
            m.put("clusterIPs", s.clusterIPs());
        }
        if (s.externalIPs() != null && !s.externalIPs().isEmpty()) {
            m.put("externalIPs", s.externalIPs());
        }
        putIf(m, "externalName", s.externalName());
        putIf(m, "externalTrafficPolicy", s.externalTrafficPolicy());
        putIf(m, "internalTrafficPolicy", s.internalTrafficPolicy());
        if (s.ipFamilies() != null && !s.ipFamilies().isEmpty()) {
            m.put("ipFamilies", s.ipFamilies());
        }
        putIf(m, "ipFamilyPolicy", s.ipFamilyPolicy());
        putIf(m, "loadBalancerIP", s.loadBalancerIP());
        if (s.ports() != null && !s.ports().isEmpty()) {
            List<Object> ports = new ArrayList<>();
            for (ServicePort p : s.ports()) {
                ports.add(port(p));
            }
            m.put("ports", ports);
        }
        if (s.selector() != null && !s.selector().isEmpty()) {
            m.put("selector", s.selector());
        }
        putIf(m, "sessionAffinity", s.sessionAffinity());
        putIf(m, "type", s.type());
        return m;
    }

    private static Map<String, Object> port(ServicePort p) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "appProtocol", p.appProtocol());
        putIf(m, "name", p.name());
        if (p.nodePort() != null && p.nodePort() != 0) {
            m.put("nodePort", p.nodePort());
        }
        m.put("port", p.port());
        putIf(m, "protocol", p.protocol());
        if (p.targetPort() != null) {
            m.put("targetPort", p.targetPortIsNumber() ? (Object) Integer.parseInt(p.targetPort()) : p.targetPort());
        }
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value instanceof String s && s.isEmpty()) {
            return;
        }
        if (value != null) {
            m.put(key, value);
        }
    }
}
