package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code kubectl describe} for the modelled kinds, field for field as kubectl's describers write them. */
final class Describer {

    static final int MAX_ANNOTATION_LEN = 140;
    /** Go's time.RFC1123Z. */
    static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Describer() {
    }

    /**
     * Text for one object; {@code events} are those involving it, or null to leave the section out, and {@code pods}
     * are the Pods of the object's namespace.
     */
    static String describe(KubeObject obj, List<Event> events, Instant now, List<Map<String, Object>> pods) {
        return describe(obj, events, now, pods, List.of());
    }

    /**
     * As {@link #describe(KubeObject, List, Instant, List)}; {@code apiServers} are the addresses of the running
     * kube-apiservers, which each put themselves in the {@code kubernetes} Service's EndpointSlice.
     */
    static String describe(KubeObject obj, List<Event> events, Instant now, List<Map<String, Object>> pods,
            List<String> apiServers) {
        StringBuilder head = new StringBuilder();
        if (obj instanceof Service s) {
            service(head, s, pods, apiServers);
        } else if (obj instanceof ServiceCidr sc) {
            serviceCidr(head, sc);
        } else if (obj instanceof IpAddressObject ip) {
            ipAddress(head, ip);
        } else if (obj instanceof Namespace ns) {
            namespace(head, ns);
            return TabWriter.KUBECTL_DESCRIBE.format(head.toString());
        } else if (obj instanceof Event ev) {
            head.append("Name:\t").append(ev.name()).append('\n');
            head.append("Namespace:\t").append(ev.namespace()).append('\n');
            head.append("Reason:\t").append(ev.reason()).append('\n');
            head.append("Message:\t").append(ev.message()).append('\n');
            return TabWriter.KUBECTL_DESCRIBE.format(head.toString());
        }
        if (events == null) {
            return TabWriter.KUBECTL_DESCRIBE.format(head.toString());
        }
        if (events.isEmpty()) {
            // Without events the writer is never flushed, so "Events:" aligns with the fields above.
            return TabWriter.KUBECTL_DESCRIBE.format(head + events(events, now));
        }
        return TabWriter.KUBECTL_DESCRIBE.format(head.toString())
                + TabWriter.KUBECTL_DESCRIBE.format(events(events, now));
    }

    private static void labels(StringBuilder w, String title, Map<String, String> labels) {
        w.append(title).append(":\t");
        if (labels.isEmpty()) {
            w.append("<none>\n");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (!first) {
                w.append('\t');
            }
            first = false;
            w.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
    }

    private static void annotations(StringBuilder w, Map<String, String> annotations) {
        w.append("Annotations:\t");
        List<String> keys = new ArrayList<>();
        for (String k : new TreeMap<>(annotations).keySet()) {
            if (!k.equals(LastApplied.ANNOTATION)) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            w.append("<none>\n");
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (i != 0) {
                w.append('\t');
            }
            String key = keys.get(i);
            String value = annotations.get(key);
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.length() + key.length() + 2 > MAX_ANNOTATION_LEN || value.contains("\n")) {
                w.append(key).append(":\n");
                for (String s : value.split("\n", -1)) {
                    String shortened = s.length() > MAX_ANNOTATION_LEN - 2
                            ? s.substring(0, MAX_ANNOTATION_LEN - 2) + "..." : s;
                    w.append("\t  ").append(shortened).append('\n');
                }
            } else {
                w.append(key).append(": ").append(value).append('\n');
            }
        }
    }

    private static void service(StringBuilder w, Service s, List<Map<String, Object>> pods,
            List<String> apiServers) {
        boolean apiServerManaged = !apiServers.isEmpty() && s.spec().selectorEmpty();
        ServiceSpec spec = s.spec();
        w.append("Name:\t").append(s.name()).append('\n');
        w.append("Namespace:\t").append(s.namespace()).append('\n');
        labels(w, "Labels", s.meta().labels());
        annotations(w, s.meta().annotations());
        w.append("Selector:\t").append(spec.selectorEmpty() ? "<none>" : Printers.formatLabels(spec.selector()))
                .append('\n');
        w.append("Type:\t").append(spec.type()).append('\n');
        if (spec.ipFamilyPolicy() != null) {
            w.append("IP Family Policy:\t").append(spec.ipFamilyPolicy()).append('\n');
        }
        w.append("IP Families:\t").append(spec.ipFamiliesOrEmpty().isEmpty() ? "<none>"
                : String.join(",", spec.ipFamiliesOrEmpty())).append('\n');
        w.append("IP:\t").append(spec.clusterIP() == null ? "" : spec.clusterIP()).append('\n');
        w.append("IPs:\t").append(spec.clusterIPsOrEmpty().isEmpty() ? "<none>"
                : String.join(",", spec.clusterIPsOrEmpty())).append('\n');
        if (!spec.externalIPsOrEmpty().isEmpty()) {
            w.append("External IPs:\t").append(String.join(",", spec.externalIPsOrEmpty())).append('\n');
        }
        if (spec.loadBalancerIP() != null && !spec.loadBalancerIP().isEmpty()) {
            w.append("Desired LoadBalancer IP:\t").append(spec.loadBalancerIP()).append('\n');
        }
        if (spec.externalName() != null && !spec.externalName().isEmpty()) {
            w.append("External Name:\t").append(spec.externalName()).append('\n');
        }
        if (!s.loadBalancerIngress().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Service.LoadBalancerIngress i : s.loadBalancerIngress()) {
                parts.add(i.ip() != null && !i.ip().isEmpty() ? i.ip() : i.hostname());
            }
            w.append("LoadBalancer Ingress:\t").append(String.join(", ", parts)).append('\n');
        }
        for (ServicePort p : spec.portsOrEmpty()) {
            String name = p.name() == null || p.name().isEmpty() ? "<unset>" : p.name();
            w.append("Port:\t").append(name).append('\t').append(p.port()).append('/').append(p.protocol())
                    .append('\n');
            w.append("TargetPort:\t").append(p.targetPort()).append('/').append(p.protocol()).append('\n');
            if (p.nodePort() != null && p.nodePort() != 0) {
                w.append("NodePort:\t").append(name).append('\t').append(p.nodePort()).append('/')
                        .append(p.protocol()).append('\n');
            }
            w.append("Endpoints:\t").append(apiServerManaged ? joinEndpoints(apiServers.stream()
                    .map(a -> hostPort(a, p)).toList()) : endpoints(s, p, pods)).append('\n');
        }
        w.append("Session Affinity:\t").append(spec.sessionAffinity() == null ? "" : spec.sessionAffinity())
                .append('\n');
        if (spec.externalTrafficPolicy() != null && !spec.externalTrafficPolicy().isEmpty()) {
            w.append("External Traffic Policy:\t").append(spec.externalTrafficPolicy()).append('\n');
        }
        if (spec.internalTrafficPolicy() != null) {
            w.append("Internal Traffic Policy:\t").append(spec.internalTrafficPolicy()).append('\n');
        }
        Object hc = spec.otherFields().get("healthCheckNodePort");
        if (hc != null && !"0".equals(hc.toString())) {
            w.append("HealthCheck NodePort:\t").append(hc).append('\n');
        }
        Object ranges = spec.otherFields().get("loadBalancerSourceRanges");
        if (ranges instanceof List<?> l && !l.isEmpty()) {
            w.append("LoadBalancer Source Ranges:\t").append(String.join(",", l.stream().map(Object::toString)
                    .toList())).append('\n');
        }
        Object td = spec.otherFields().get("trafficDistribution");
        if (td != null && !td.toString().isEmpty()) {
            w.append("Traffic Distribution:\t").append(td).append('\n');
        }
    }

    /**
     * kubectl's {@code formatEndpointSlices} for one port: {@code <none>} when the Service has no selector (no
     * EndpointSlice), else the ready endpoints' {@code ip:port} of each family's slice, at most three and then
     * {@code + N more...}; an empty value when the selector matches no Pod (the slice exists but is empty).
     */
    static String endpoints(Service s, ServicePort port, List<Map<String, Object>> pods) {
        ServiceSpec spec = s.spec();
        if (spec.selectorEmpty()) {
            return "<none>";
        }
        List<String> families = spec.ipFamiliesOrEmpty().isEmpty() ? List.of("IPv4") : spec.ipFamiliesOrEmpty();
        List<String> list = new ArrayList<>();
        for (String family : families) {
            for (Map<String, Object> pod : pods) {
                Map<?, ?> meta = pod.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
                Map<?, ?> labels = meta.get("labels") instanceof Map<?, ?> l ? l : Map.of();
                boolean match = spec.selector().entrySet().stream().allMatch(e -> e.getValue().equals(
                        labels.get(e.getKey())));
                if (!match) {
                    continue;
                }
                Map<?, ?> status = pod.get("status") instanceof Map<?, ?> st ? st : Map.of();
                if (!(status.get("podIPs") instanceof List<?> ips)) {
                    continue;
                }
                for (Object o : ips) {
                    String ip = o instanceof Map<?, ?> im ? String.valueOf(im.get("ip")) : String.valueOf(o);
                    if (ip.contains(":") == "IPv6".equals(family) && port.targetPortIsNumber()) {
                        list.add(hostPort(ip, port));
                    }
                }
            }
        }
        return joinEndpoints(list);
    }

    /** {@code ip:targetPort}, the IPv6 address in brackets (Go's {@code net.JoinHostPort}). */
    private static String hostPort(String ip, ServicePort port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.targetPort();
    }

    /** kubectl's list of endpoints: the first three, then how many more. */
    private static String joinEndpoints(List<String> hostPorts) {
        int max = 3;
        String ret = String.join(",", hostPorts.subList(0, Math.min(max, hostPorts.size())));
        return hostPorts.size() > max ? ret + " + " + (hostPorts.size() - max) + " more..." : ret;
    }

    private static void serviceCidr(StringBuilder w, ServiceCidr sc) {
        w.append("Name:\t").append(sc.name()).append('\n');
        labels(w, "Labels", sc.meta().labels());
        annotations(w, sc.meta().annotations());
        w.append("CIDRs:\t").append(String.join(", ", sc.cidrsOrEmpty())).append('\n');
        if (!sc.conditions().isEmpty()) {
            w.append("Status:\n");
            w.append("Conditions:\n");
            w.append("  Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
            w.append("  ----\t------\t------------------\t------\t-------\n");
            for (Condition c : sc.conditions()) {
                w.append("  ").append(c.type()).append('\t').append(c.status()).append('\t')
                        .append(c.lastTransitionTime() == null ? RFC1123Z.format(Instant.parse("0001-01-01T00:00:00Z"))
                                : RFC1123Z.format(c.lastTransitionTime()))
                        .append('\t').append(c.reason() == null ? "" : c.reason()).append('\t')
                        .append(c.message() == null ? "" : c.message()).append('\n');
            }
        }
    }

    private static void ipAddress(StringBuilder w, IpAddressObject ip) {
        w.append("Name:\t").append(ip.name()).append('\n');
        labels(w, "Labels", ip.meta().labels());
        annotations(w, ip.meta().annotations());
        if (ip.parentRef() != null) {
            w.append("Parent Reference:\n");
            w.append("  Group:\t").append(nz(ip.parentRef().group())).append('\n');
            w.append("  Resource:\t").append(nz(ip.parentRef().resource())).append('\n');
            w.append("  Namespace:\t").append(nz(ip.parentRef().namespace())).append('\n');
            w.append("  Name:\t").append(nz(ip.parentRef().name())).append('\n');
        }
    }

    private static void namespace(StringBuilder w, Namespace ns) {
        w.append("Name:\t").append(ns.name()).append('\n');
        labels(w, "Labels", ns.meta().labels());
        annotations(w, ns.meta().annotations());
        w.append("Status:\t").append(ns.phase()).append('\n');
        w.append("\nNo resource quota.\n\nNo LimitRange resource.\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** {@code DescribeEvents}: a table of its own (the writer is flushed before it). */
    static String events(List<Event> events, Instant now) {
        if (events.isEmpty()) {
            return "Events:\t<none>\n";
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(e -> e.lastTimestamp() == null ? Instant.EPOCH : e.lastTimestamp()));
        StringBuilder w = new StringBuilder("Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
        w.append("  ----\t------\t----\t----\t-------\n");
        for (Event e : sorted) {
            String first = Printers.age(e.firstTimestamp(), now);
            String interval = e.count() > 1
                    ? HumanDuration.format(Duration.between(e.lastTimestamp(), now)) + " (x" + e.count() + " over "
                            + first + ")"
                    : first;
            w.append("  ").append(e.type()).append('\t').append(e.reason()).append('\t').append(interval)
                    .append('\t').append(nz(e.sourceComponent())).append('\t').append(e.message().trim())
                    .append('\n');
        }
        return w.toString();
    }

    /**
     * kubectl's generic describer, for kinds without their own (admission policies and bindings): name,
     * namespace, labels and annotations, then every other field, sorted, under kubectl's smart labels
     * ({@code apiVersion} is {@code API Version}), and the events.
     */
    static String generic(Map<String, Object> content, List<Event> events, Instant now) {
        Map<?, ?> meta = content.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        StringBuilder w = new StringBuilder();
        w.append("Name:\t").append(nz(meta.get("name") == null ? null : String.valueOf(meta.get("name"))))
                .append('\n');
        w.append("Namespace:\t").append(nz(meta.get("namespace") == null ? null : String.valueOf(
                meta.get("namespace")))).append('\n');
        labels(w, "Labels", strings(meta.get("labels")));
        annotations(w, strings(meta.get("annotations")));
        unstructured(w, 0, content, "", Set.of(".metadata.name", ".metadata.namespace", ".metadata.labels",
                ".metadata.annotations"));
        if (events != null) {
            w.append(events(events, now));
        }
        return TabWriter.KUBECTL_DESCRIBE.format(w.toString());
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** kubectl's printUnstructuredContent: fields sorted, maps and lists as nested sections. */
    private static void unstructured(StringBuilder w, int level, Map<?, ?> content, String path, Set<String> skip) {
        String indent = "  ".repeat(level);
        for (String field : new TreeMap<>(content).keySet().stream().map(String::valueOf).toList()) {
            Object value = content.get(field);
            String here = path + "." + field;
            if (skip.contains(here)) {
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                w.append(indent).append(smartLabel(field)).append(":\n");
                unstructured(w, level + 1, map, here, skip);
            } else if (value instanceof List<?> list) {
                w.append(indent).append(smartLabel(field)).append(":\n");
                for (Object child : list) {
                    if (child instanceof Map<?, ?> m) {
                        unstructured(w, level + 1, m, here, skip);
                    } else {
                        w.append("  ".repeat(level + 1)).append(goValue(child)).append('\n');
                    }
                }
            } else {
                w.append(indent).append(smartLabel(field)).append(":\t").append(goValue(value)).append('\n');
            }
        }
    }

    private static String goValue(Object v) {
        return v == null ? "<nil>" : String.valueOf(v);
    }

    private static final Set<String> ACRONYMS = Set.of("API", "URL", "UID", "OSB", "GUID");

    /** kubectl's smartLabelFor: camelCase split into title-cased words, common acronyms upper-cased. */
    static String smartLabel(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!Character.isLetter(c) && c != '-') {
                return field;
            }
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= field.length(); i++) {
            boolean split = i == field.length();
            if (!split) {
                char prev = field.charAt(i - 1);
                char c = field.charAt(i);
                boolean nextLower = i + 1 < field.length() && Character.isLowerCase(field.charAt(i + 1));
                split = Character.isLowerCase(prev) && Character.isUpperCase(c)
                        || Character.isUpperCase(prev) && Character.isUpperCase(c) && nextLower
                        || (Character.isLetter(prev) != Character.isLetter(c));
            }
            if (split) {
                words.add(field.substring(start, i));
                start = i;
            }
        }
        List<String> out = new ArrayList<>();
        for (String word : words) {
            String upper = word.toUpperCase(java.util.Locale.ROOT);
            out.add(ACRONYMS.contains(upper) ? upper : word.isEmpty() ? word
                    : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return String.join(" ", out);
    }
}
