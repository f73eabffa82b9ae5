package dev.cidrstudio.wizard;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one step changed in the cluster, a line per object: {@code +} added, {@code -} removed, {@code ~} changed
 * (before → after). Objects are summed up by what matters for the Service network (ServiceCIDRs by their ranges
 * and Ready condition, Services by their cluster IPs, the apiservers by their flags); IPAddress objects by their
 * count, so a step that renumbers thousands of Services stays readable.
 */
public record StateDiff(List<Line> lines) {

    public StateDiff {
        lines = List.copyOf(lines);
    }

    /** One changed thing: {@code +}, {@code -} or {@code ~}, what it is, and its summary before and after. */
    public record Line(char change, String what, String before, String after) {

        public String describe() {
            return switch (change) {
                case '+' -> "+ " + what + "  " + after;
                case '-' -> "- " + what + "  " + before;
                default -> "~ " + what + "  " + before + " -> " + after;
            };
        }
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public static StateDiff between(ClusterState before, ClusterState after) {
        List<Line> lines = new ArrayList<>();
        compare(lines, summaries(before), summaries(after));
        long ipsBefore = before.count(Kind.IP_ADDRESS);
        long ipsAfter = after.count(Kind.IP_ADDRESS);
        if (ipsBefore != ipsAfter) {
            lines.add(new Line('~', "IPAddress objects", Long.toString(ipsBefore), Long.toString(ipsAfter)));
        }
        List<Event> newEvents = newEvents(before, after);
        for (Event e : newEvents) {
            lines.add(new Line('+', "event " + e.reason(), "", e.type() + " " + e.involvedObject().kind() + "/"
                    + e.involvedObject().name() + ": " + e.message()));
        }
        return new StateDiff(lines);
    }

    private static void compare(List<Line> lines, Map<String, String> before, Map<String, String> after) {
        before.forEach((k, v) -> {
            String now = after.get(k);
            if (now == null) {
                lines.add(new Line('-', k, v, ""));
            } else if (!now.equals(v)) {
                lines.add(new Line('~', k, v, now));
            }
        });
        after.forEach((k, v) -> {
            if (!before.containsKey(k)) {
                lines.add(new Line('+', k, "", v));
            }
        });
    }

    private static Map<String, String> summaries(ClusterState s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ApiServerInstance a : s.apiServers()) {
            m.put("kube-apiserver " + a.name(), "--service-cluster-ip-range=" + a.flags().text());
        }
        m.put("kubelet clusterDNS", s.settings().kubeletClusterDns().orElse("<none>"));
        for (ServiceCidr sc : s.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            m.put("servicecidr/" + sc.name(), serviceCidr(sc));
        }
        for (Service svc : s.<Service>list(Kind.SERVICE)) {
            m.put("service/" + svc.namespace() + "/" + svc.name(), service(svc));
        }
        return m;
    }

    static String serviceCidr(ServiceCidr sc) {
        Condition ready = sc.condition(ServiceCidr.CONDITION_READY);
        String r = ready == null ? "no Ready condition" : "Ready=" + ready.status()
                + (ready.reason() == null || ready.reason().isEmpty() ? "" : " (" + ready.reason() + ")");
        return String.join(",", sc.cidrsOrEmpty()) + ", " + r + (sc.meta().beingDeleted() ? ", being deleted" : "");
    }

    static String service(Service svc) {
        if (svc.spec().isExternalName()) {
            return "ExternalName " + svc.spec().externalName();
        }
        List<String> ips = svc.spec().clusterIPsOrEmpty();
        return (ips.isEmpty() ? "<none>" : String.join(",", ips)) + " " + Objects.requireNonNullElse(
                svc.spec().ipFamilyPolicy(), "");
    }

    private static List<Event> newEvents(ClusterState before, ClusterState after) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Event e : before.<Event>list(Kind.EVENT)) {
            seen.put(e.namespace() + "/" + e.name(), e.count());
        }
        List<Event> out = new ArrayList<>();
        for (Event e : after.<Event>list(Kind.EVENT)) {
            Integer count = seen.get(e.namespace() + "/" + e.name());
            if (count == null || count < e.count()) {
                out.add(e);
            }
        }
        return out;
    }
}
