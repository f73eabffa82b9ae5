package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** kubectl's output formats: the server-side table columns, YAML, JSON, names. */
final class Printers {

    static final int LOAD_BALANCER_WIDTH = 16;

    private Printers() {
    }

    static String age(Instant created, Instant now) {
        if (created == null) {
            return "<unknown>";
        }
        return HumanDuration.format(Duration.between(created, now));
    }

    /** {@code labels.FormatLabels}: sorted {@code k=v} joined by commas, or {@code <none>}. */
    static String formatLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    record TableOptions(boolean withNamespace, boolean wide, boolean withKind, boolean noHeaders, boolean showLabels) {
    }

    static List<String> headers(Kind kind, TableOptions o) {
        List<String> h = new ArrayList<>();
        if (o.withNamespace() && kind.namespaced()) {
            h.add("NAMESPACE");
        }
        for (TableColumns.Column c : TableColumns.of(kind)) {
            if (c.priority() == 0 || o.wide()) {
                h.add(c.header());
            }
        }
        if (o.showLabels()) {
            h.add("LABELS");
        }
        return h;
    }

    static List<String> row(KubeObject obj, TableOptions o, Instant now) {
        List<String> r = new ArrayList<>();
        if (o.withNamespace() && obj.kind().namespaced()) {
            r.add(obj.namespace());
        }
        String name = o.withKind() ? ResourceTypes.prefix(obj.kind()) + "/" + obj.name() : obj.name();
        if (obj instanceof Service s) {
            ServiceSpec spec = s.spec();
            r.add(name);
            r.add(spec.type());
            r.add(spec.clusterIPsOrEmpty().isEmpty() ? "<none>" : spec.clusterIPsOrEmpty().get(0));
            r.add(externalIp(s, o.wide()));
            r.add(ports(spec));
            r.add(age(s.meta().creationTimestamp(), now));
            if (o.wide()) {
                r.add(formatLabels(spec.selector()));
            }
        } else if (obj instanceof ServiceCidr sc) {
            r.add(name);
            r.add(String.join(",", sc.cidrsOrEmpty()));
            r.add(age(sc.meta().creationTimestamp(), now));
        } else if (obj instanceof IpAddressObject ip) {
            r.add(name);
            r.add(ip.parentRef() == null ? "<none>" : ip.parentRef().printable());
        } else if (obj instanceof Namespace ns) {
            r.add(name);
            r.add(ns.meta().beingDeleted() ? "Terminating" : ns.phase() == null ? "" : ns.phase());
            r.add(age(ns.meta().creationTimestamp(), now));
        } else if (obj instanceof Event ev) {
            String first = age(ev.firstTimestamp(), now);
            String last = ev.lastTimestamp() == null ? first : age(ev.lastTimestamp(), now);
            String target = ev.involvedObject() == null ? "" : ev.involvedObject().kind().toLowerCase()
                    + (ev.involvedObject().name() == null ? "" : "/" + ev.involvedObject().name());
            r.add(last);
            r.add(ev.type());
            r.add(ev.reason());
            r.add(target);
            if (o.wide()) {
                r.add("");
                r.add(ev.sourceComponent() == null ? "" : ev.sourceComponent());
            }
            r.add(ev.message());
            if (o.wide()) {
                r.add(first);
                r.add(Integer.toString(Math.max(1, ev.count())));
                r.add(name);
            }
        }
        if (o.showLabels()) {
            r.add(formatLabels(obj.meta().labels()));
        }
        return r;
    }

    /**
     * As {@link #table(Kind, List, TableOptions, Instant)} with {@code -L} label columns: a column per key, headed by
     * the key's last path segment in capitals, before the LABELS column ({@code appendLabelCells}).
     */
    static String table(Kind kind, List<? extends KubeObject> objects, TableOptions o, Instant now,
            List<String> labelColumns) {
        if (labelColumns.isEmpty()) {
            return table(kind, objects, o, now);
        }
        StringBuilder sb = new StringBuilder();
        if (!o.noHeaders()) {
            List<String> h = new ArrayList<>(headers(kind, o));
            int at = o.showLabels() ? h.size() - 1 : h.size();
            List<String> extra = new ArrayList<>();
            for (String l : labelColumns) {
                extra.add(l.substring(l.lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT));
            }
            h.addAll(at, extra);
            sb.append(String.join("\t", h)).append('\n');
        }
        for (KubeObject obj : objects) {
            List<String> r = new ArrayList<>(row(obj, o, now));
            int at = o.showLabels() ? r.size() - 1 : r.size();
            List<String> extra = new ArrayList<>();
            for (String l : labelColumns) {
                extra.add(obj.meta().labels().getOrDefault(l, ""));
            }
            r.addAll(at, extra);
            sb.append(String.join("\t", r)).append('\n');
        }
        return TabWriter.KUBECTL_TABLE.format(sb.toString());
    }

    static String table(Kind kind, List<? extends KubeObject> objects, TableOptions o, Instant now) {
        List<? extends KubeObject> sorted = objects;
        if (kind == Kind.EVENT) {
            List<KubeObject> ev = new ArrayList<>(objects);
            ev.sort(Comparator.comparing(e -> ((Event) e).lastTimestamp() == null ? Instant.EPOCH
                    : ((Event) e).lastTimestamp()));
            sorted = ev;
        }
        StringBuilder sb = new StringBuilder();
        if (!o.noHeaders()) {
            sb.append(String.join("\t", headers(kind, o))).append('\n');
        }
        for (KubeObject obj : sorted) {
            sb.append(String.join("\t", row(obj, o, now))).append('\n');
        }
        return TabWriter.KUBECTL_TABLE.format(sb.toString());
    }

    static String externalIp(Service s, boolean wide) {
        ServiceSpec spec = s.spec();
        String type = spec.type() == null ? "" : spec.type();
        switch (type) {
            case "ClusterIP", "NodePort" -> {
                return spec.externalIPsOrEmpty().isEmpty() ? "<none>" : String.join(",", spec.externalIPsOrEmpty());
            }
            case "LoadBalancer" -> {
                List<String> ingress = new ArrayList<>();
                for (Service.LoadBalancerIngress i : s.loadBalancerIngress()) {
                    String v = i.ip() != null && !i.ip().isEmpty() ? i.ip() : i.hostname();
                    if (v != null && !v.isEmpty() && !ingress.contains(v)) {
                        ingress.add(v);
                    }
                }
                ingress.sort(null);
                String lb = String.join(",", ingress);
                if (!wide && lb.length() > LOAD_BALANCER_WIDTH) {
                    lb = lb.substring(0, LOAD_BALANCER_WIDTH - 3) + "...";
                }
                if (!spec.externalIPsOrEmpty().isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!lb.isEmpty()) {
                        all.addAll(List.of(lb.split(",")));
                    }
                    all.addAll(spec.externalIPsOrEmpty());
                    return String.join(",", all);
                }
                return lb.isEmpty() ? "<pending>" : lb;
            }
            case "ExternalName" -> {
                return spec.externalName();
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    static String ports(ServiceSpec spec) {
        if (spec.portsOrEmpty().isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        for (ServicePort p : spec.portsOrEmpty()) {
            if (p.nodePort() != null && p.nodePort() > 0) {
                parts.add(p.port() + ":" + p.nodePort() + "/" + p.protocol());
            } else {
                parts.add(p.port() + "/" + p.protocol());
            }
        }
        return String.join(",", parts);
    }

    static Map<String, Object> listOf(List<Map<String, Object>> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "v1");
        m.put("items", items);
        m.put("kind", "List");
        m.put("metadata", Map.of("resourceVersion", ""));
        return m;
    }

    static String yaml(Object doc) {
        return GoYaml.marshal(doc);
    }

    static String json(Object doc) {
        return GoJson.indent(doc);
    }

    static Map<String, Object> encode(KubeObject o) {
        return ManifestEncoder.encode(o);
    }
}
