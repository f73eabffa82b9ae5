package dev.cidrstudio.model.pod;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.hosts.HostAlias;
import dev.cidrstudio.model.hosts.HostsFile;
import dev.cidrstudio.model.hosts.PodAddresses;
import dev.cidrstudio.model.hosts.PodHostsInput;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the scheduler, the node's IPAM and the kubelet do to a Pod in the simulated cluster: the node with the fewest
 * Pods, the first free address of each of that node's pod CIDRs after the gateway, and a status. Containers whose
 * command is a one-shot ({@code cat}, {@code echo}, {@code printenv}, {@code env}, {@code hostname}) in a Pod that does
 * not restart them end {@code Completed}, with what they printed as their log; others run.
 */
public final class PodRuntime {

    private static final Set<String> ONE_SHOT = Set.of("cat", "echo", "printenv", "env", "hostname", "true");

    private PodRuntime() {
    }

    /**
     * The Pod as stored after scheduling and start: spec.nodeName and status filled in, its addresses from the
     * node's {@code spec.podCIDRs} as kube-controller-manager's range allocator gave them.
     */
    public static Map<String, Object> start(Map<String, Object> manifest, String namespace, ClusterState plan,
            List<KeptObject> pods, Instant now) {
        ClusterSettings cluster = plan.settings();
        Map<String, Object> pod = deepCopy(manifest);
        Map<String, Object> meta = map(pod, "metadata");
        meta.put("namespace", namespace);
        meta.put("creationTimestamp", time(now));
        Map<String, Object> spec = map(pod, "spec");
        spec.putIfAbsent("restartPolicy", "Always");
        boolean hostNetwork = Boolean.TRUE.equals(spec.get("hostNetwork"));
        String node = spec.get("nodeName") instanceof String n && !n.isEmpty() ? n : leastLoadedNode(cluster, pods);
        spec.put("nodeName", node);
        List<String> ips = hostNetwork ? List.of(nodeIp(cluster, node))
                : nextFreeIps(plan.nodePodCidrs(node), node, pods);
        Map<String, Object> status = new LinkedHashMap<>();
        boolean oneShot = !"Always".equals(spec.get("restartPolicy"));
        List<Map<String, Object>> containerStatuses = new ArrayList<>();
        boolean allDone = true;
        for (Object c : list(spec.get("containers"))) {
            Map<String, Object> container = asMap(c);
            boolean completes = oneShot && isOneShot(container);
            allDone &= completes;
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("image", container.get("image"));
            cs.put("name", container.get("name"));
            cs.put("ready", !completes);
            cs.put("restartCount", 0);
            Map<String, Object> state = new LinkedHashMap<>();
            if (completes) {
                state.put("terminated", new LinkedHashMap<>(Map.of("exitCode", 0, "reason", "Completed",
                        "startedAt", time(now), "finishedAt", time(now))));
            } else {
                state.put("running", new LinkedHashMap<>(Map.of("startedAt", time(now))));
            }
            cs.put("state", state);
            containerStatuses.add(cs);
        }
        status.put("containerStatuses", containerStatuses);
        status.put("hostIP", nodeIp(cluster, node));
        status.put("phase", allDone && !containerStatuses.isEmpty() ? "Succeeded" : "Running");
        IpFamily primary = IpParsing.parseIpSloppy(nodeIp(cluster, node)).map(IpAddress::family)
                .orElse(IpFamily.IPv4);
        List<String> sorted = PodAddresses.statusPodIps(ips, primary);
        if (!sorted.isEmpty()) {
            status.put("podIP", sorted.get(0));
            status.put("podIPs", sorted.stream().map(ip -> Map.of("ip", ip)).toList());
        }
        status.put("startTime", time(now));
        pod.put("status", status);
        return pod;
    }

    /** What the apiserver checks of the Pod's networking fields on create: spec.hostAliases. */
    public static List<dev.cidrstudio.model.field.FieldError> validate(Map<String, Object> manifest) {
        List<HostAlias> aliases = new ArrayList<>();
        for (Object a : list(asMap(manifest.get("spec")).get("hostAliases"))) {
            Map<String, Object> m = asMap(a);
            aliases.add(new HostAlias(str(m.get("ip")), list(m.get("hostnames")).stream().map(String::valueOf)
                    .toList()));
        }
        return dev.cidrstudio.model.hosts.HostAliasValidation.validate(aliases, "spec.hostAliases", false);
    }

    /** The kubelet's file for a stored Pod (IPs in sandbox order, which here is the status order). */
    public static Optional<String> hostsFile(Map<String, Object> pod, ClusterSettings cluster) {
        Map<String, Object> meta = asMap(pod.get("metadata"));
        Map<String, Object> spec = asMap(pod.get("spec"));
        List<HostAlias> aliases = new ArrayList<>();
        for (Object a : list(spec.get("hostAliases"))) {
            Map<String, Object> m = asMap(a);
            aliases.add(new HostAlias(str(m.get("ip")), list(m.get("hostnames")).stream().map(String::valueOf)
                    .toList()));
        }
        PodHostsInput in = new PodHostsInput(str(meta.get("name")), str(meta.get("namespace")),
                str(spec.get("hostname")), str(spec.get("subdomain")), str(spec.get("hostnameOverride")),
                Boolean.TRUE.equals(spec.get("hostNetwork")), aliases);
        List<String> ips = list(asMap(pod.get("status")).get("podIPs")).stream().map(o -> str(asMap(o).get("ip")))
                .toList();
        String node = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + nodeIp(cluster, str(spec.get("nodeName"))) + "\t" + str(spec.get("nodeName")) + "\n";
        return HostsFile.forPod(in, ips, cluster.clusterDomain(), node,
                cluster.kubernetesVersion() == KubeVersion.V1_35);
    }

    /** What a command prints inside the Pod's container, or empty when the simulation cannot run it. */
    public static Optional<String> run(Map<String, Object> pod, List<String> command, ClusterSettings cluster) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = command.subList(1, command.size());
        return switch (command.get(0)) {
            case "cat" -> args.equals(List.of("/etc/hosts")) ? hostsFile(pod, cluster) : Optional.empty();
            case "echo" -> Optional.of(String.join(" ", args) + "\n");
            case "hostname" -> Optional.of(str(asMap(pod.get("metadata")).get("name")) + "\n");
            case "true" -> Optional.of("");
            case "env", "printenv" -> env(pod, args);
            default -> Optional.empty();
        };
    }

    /** The log of a container that ran a one-shot command (empty for others). */
    public static String log(Map<String, Object> pod, String container, ClusterSettings cluster) {
        for (Object c : list(asMap(pod.get("spec")).get("containers"))) {
            Map<String, Object> m = asMap(c);
            if (container == null || container.equals(m.get("name"))) {
                return isOneShot(m) ? run(pod, command(m), cluster).orElse("") : "";
            }
        }
        return "";
    }

    public static List<String> command(Map<String, Object> container) {
        List<String> out = new ArrayList<>();
        list(container.get("command")).forEach(o -> out.add(String.valueOf(o)));
        list(container.get("args")).forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    private static boolean isOneShot(Map<String, Object> container) {
        List<String> cmd = command(container);
        return !cmd.isEmpty() && ONE_SHOT.contains(cmd.get(0));
    }

    private static Optional<String> env(Map<String, Object> pod, List<String> names) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("HOSTNAME", str(asMap(pod.get("metadata")).get("name")));
        Map<String, Object> status = asMap(pod.get("status"));
        for (Object c : list(asMap(pod.get("spec")).get("containers"))) {
            for (Object e : list(asMap(c).get("env"))) {
                Map<String, Object> env = asMap(e);
                String name = str(env.get("name"));
                if (env.get("value") != null) {
                    vars.put(name, str(env.get("value")));
                }
                String path = str(asMap(asMap(env.get("valueFrom")).get("fieldRef")).get("fieldPath"));
                switch (path == null ? "" : path) {
                    case "status.podIPs" -> vars.put(name, String.join(",", list(status.get("podIPs")).stream()
                            .map(o -> str(asMap(o).get("ip"))).toList()));
                    case "status.podIP" -> vars.put(name, str(status.get("podIP")));
                    case "status.hostIP", "status.hostIPs" -> vars.put(name, str(status.get("hostIP")));
                    case "metadata.name" -> vars.put(name, str(asMap(pod.get("metadata")).get("name")));
                    case "metadata.namespace" -> vars.put(name, str(asMap(pod.get("metadata")).get("namespace")));
                    case "spec.nodeName" -> vars.put(name, str(asMap(pod.get("spec")).get("nodeName")));
                    default -> { }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        if (names.isEmpty()) {
            vars.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            return Optional.of(sb.toString());
        }
        for (String n : names) {
            if (vars.containsKey(n)) {
                sb.append(vars.get(n)).append('\n');
            }
        }
        return Optional.of(sb.toString());
    }

    /**
     * The addresses a new Pod would get now, as {@link #start} gives them: on the node with the fewest Pods, the first
     * free address of each of its pod CIDRs after the gateway, never one a Pod of the plan holds.
     */
    public static List<String> nextPodIps(ClusterState plan, List<KeptObject> pods) {
        String node = leastLoadedNode(plan.settings(), pods);
        return nextFreeIps(plan.nodePodCidrs(node), node, pods);
    }

    static String leastLoadedNode(ClusterSettings cluster, List<KeptObject> pods) {
        String best = null;
        long bestCount = Long.MAX_VALUE;
        for (String n : cluster.nodes()) {
            long count = pods.stream().filter(p -> n.equals(asMap(p.content().get("spec")).get("nodeName"))).count();
            if (count < bestCount) {
                best = n;
                bestCount = count;
            }
        }
        return best == null ? "worker0" : best;
    }

    /** A node's InternalIP in the simulation: 192.168.0.(10 + index). */
    static String nodeIp(ClusterSettings cluster, String node) {
        return nodeAddress(Math.max(0, cluster.nodes().indexOf(node)), false);
    }

    /**
     * The simulated InternalIP of the node at {@code index} (also where apiserver {@code index} runs):
     * 192.168.0.10 and up, or fd00:192:168::10 and up.
     */
    public static String nodeAddress(int index, boolean ipv6) {
        return ipv6 ? "fd00:192:168::" + Integer.toHexString(16 + index) : "192.168.0." + (10 + index);
    }

    /** The first free address of each of the node's pod CIDRs, after the network address and the gateway. */
    static List<String> nextFreeIps(List<String> nodePodCidrs, String node, List<KeptObject> pods) {
        Set<String> used = new HashSet<>();
        for (KeptObject p : pods) {
            if (node.equals(asMap(p.content().get("spec")).get("nodeName"))) {
                list(asMap(p.content().get("status")).get("podIPs")).forEach(o -> used.add(str(asMap(o).get("ip"))));
            }
        }
        List<String> out = new ArrayList<>();
        for (String text : nodePodCidrs) {
            var parsed = IpParsing.parseCidrSloppy(text);
            if (parsed.isEmpty()) {
                continue;
            }
            Cidr c = parsed.get().masked();
            IpAddress ip = c.network().plus(2);
            while (used.contains(ip.toString()) && c.contains(ip.plus(1))) {
                ip = ip.plus(1);
            }
            out.add(ip.toString());
        }
        return out;
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object o = parent.get(key);
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            parent.put(key, copy);
            return copy;
        }
        Map<String, Object> fresh = new LinkedHashMap<>();
        parent.put(key, fresh);
        return fresh;
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return out;
    }
}
