package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.field.ErrorList;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.hosts.PodAddresses;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.pod.PodRuntime;
import dev.cidrstudio.model.policy.PolicyAdmission;
import dev.cidrstudio.model.policy.PolicyValidation;
import dev.cidrstudio.model.validation.NodeValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pods in the practice console: {@code run}, {@code get pods}, {@code exec}, {@code logs}, {@code delete pod}, and
 * Pod documents in {@code apply/create -f}. Pods are kept objects of the plan; {@link PodRuntime} schedules and
 * starts them.
 */
final class PodConsole {

    static final Set<String> POD_TYPES = Set.of("pods", "pod", "po");

    private final ApiServer api;

    PodConsole(ApiServer api) {
        this.api = api;
        startUnstarted();
    }

    /** A plan's Pods carry no status: the simulated scheduler and kubelet start them, in plan order. */
    private void startUnstarted() {
        for (KeptObject k : api.state().kept()) {
            if ("Pod".equals(k.kind()) && "v1".equals(k.apiVersion()) && !map(k.content().get("status"))
                    .containsKey("phase")) {
                String ns = k.namespace() == null || k.namespace().isEmpty() ? "default" : k.namespace();
                Map<String, Object> started = PodRuntime.start(k.content(), ns, api.state(), pods(), api.now());
                api.removeKept(k.key());
                api.keep(new KeptObject(k.apiVersion(), k.kind(), ns, k.name(), started));
            }
        }
    }

    static final Set<String> NODE_TYPES = Set.of("nodes", "node", "no");

    static boolean isNodeType(String type) {
        String t = type.contains("/") ? type.substring(0, type.indexOf('/')) : type;
        return NODE_TYPES.contains(t.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The cluster's Nodes: those of the plan, or else one per node of the Cluster settings with the pod CIDRs
     * kube-controller-manager's range allocator gave them and simulated addresses (192.168.0.10 and up; fd00:192:168::10 and up on a
     * dual-stack cluster).
     */
    List<Map<String, Object>> nodes(String kubeletVersion) {
        List<Map<String, Object>> out = new ArrayList<>();
        api.state().kept().stream().filter(k -> "Node".equals(k.kind())).forEach(k -> out.add(k.content()));
        if (!out.isEmpty()) {
            return out;
        }
        var s = api.settings();
        for (int i = 0; i < s.nodes().size(); i++) {
            String name = s.nodes().get(i);
            List<String> cidrs = api.nodePodCidrs(name);
            List<Map<String, Object>> addresses = new ArrayList<>();
            addresses.add(Map.of("address", PodRuntime.nodeAddress(i, false), "type", "InternalIP"));
            if (cidrs.size() > 1) {
                addresses.add(Map.of("address", PodRuntime.nodeAddress(i, true), "type", "InternalIP"));
            }
            addresses.add(Map.of("address", name, "type", "Hostname"));
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("apiVersion", "v1");
            node.put("kind", "Node");
            node.put("metadata", new LinkedHashMap<>(Map.of("creationTimestamp", "2026-01-01T00:00:00Z",
                    "labels", Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux"), "name", name)));
            node.put("spec", cidrs.isEmpty() ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(Map.of("podCIDR", cidrs.get(0), "podCIDRs", cidrs)));
            node.put("status", new LinkedHashMap<>(Map.of("addresses", addresses, "conditions",
                    List.of(Map.of("type", "Ready", "status", "True", "reason", "KubeletReady")),
                    "nodeInfo", Map.of("kubeletVersion", kubeletVersion, "osImage", "Ubuntu 24.04.3 LTS",
                            "kernelVersion", "6.8.0-87-generic", "containerRuntimeVersion", "containerd://2.1.4"))));
            out.add(node);
        }
        return out;
    }

    Result getNodes(Parsed p, Output format, String kubeletVersion) {
        List<String> names = names(p.args());
        List<Map<String, Object>> all = nodes(kubeletVersion);
        List<Map<String, Object>> shown = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        if (names.isEmpty()) {
            shown.addAll(all);
        } else {
            for (String n : names) {
                all.stream().filter(x -> n.equals(map(x.get("metadata")).get("name"))).findFirst()
                        .ifPresentOrElse(shown::add, () -> err.append("Error from server (NotFound): nodes \"")
                                .append(n).append("\" not found\n"));
            }
        }
        String out;
        if (format.kind() == Output.Kind.TABLE) {
            StringBuilder sb = new StringBuilder(shown.isEmpty() ? "" : "NAME\tSTATUS\tROLES\tAGE\tVERSION"
                    + (format.wide() ? "\tINTERNAL-IP\tEXTERNAL-IP\tOS-IMAGE\tKERNEL-VERSION\tCONTAINER-RUNTIME" : "")
                    + "\n");
            for (Map<String, Object> n : shown) {
                Map<String, Object> meta = map(n.get("metadata"));
                Map<String, Object> info = map(map(n.get("status")).get("nodeInfo"));
                Object created = meta.get("creationTimestamp");
                String age = created == null ? "<unknown>"
                        : HumanDuration.format(Duration.between(Instant.parse(String.valueOf(created)), api.now()));
                String ready = "Unknown";
                for (Object c : list(map(n.get("status")).get("conditions"))) {
                    if ("Ready".equals(map(c).get("type"))) {
                        ready = "True".equals(map(c).get("status")) ? "Ready" : "NotReady";
                    }
                }
                sb.append(meta.get("name")).append('\t').append(ready).append("\t<none>\t").append(age).append('\t')
                        .append(info.getOrDefault("kubeletVersion", ""));
                if (format.wide()) {
                    String internal = "<none>";
                    for (Object a : list(map(n.get("status")).get("addresses"))) {
                        if ("InternalIP".equals(map(a).get("type"))) {
                            internal = String.valueOf(map(a).get("address"));
                            break;
                        }
                    }
                    sb.append('\t').append(internal).append("\t<none>\t").append(info.getOrDefault("osImage", ""))
                            .append('\t').append(info.getOrDefault("kernelVersion", "")).append('\t')
                            .append(info.getOrDefault("containerRuntimeVersion", ""));
                }
                sb.append('\n');
            }
            out = TabWriter.KUBECTL_TABLE.format(sb.toString());
        } else if (format.kind() == Output.Kind.NAME) {
            StringBuilder sb = new StringBuilder();
            shown.forEach(n -> sb.append("node/").append(map(n.get("metadata")).get("name")).append('\n'));
            out = sb.toString();
        } else if (names.size() == 1 && shown.size() == 1) {
            out = format.render(shown.get(0));
        } else {
            out = format.render(Printers.listOf(shown));
        }
        return new Result(out, err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** The names in {@code TYPE NAME...} or {@code TYPE/NAME...} arguments. */
    static List<String> names(List<String> args) {
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.contains("/")) {
                names.add(a.substring(a.indexOf('/') + 1));
            }
        }
        if (!args.get(0).contains("/")) {
            names.addAll(args.subList(1, args.size()));
        }
        return names;
    }

    static boolean isPodType(String type) {
        String t = type.contains("/") ? type.substring(0, type.indexOf('/')) : type;
        return POD_TYPES.contains(t.toLowerCase(java.util.Locale.ROOT));
    }

    private List<KeptObject> pods() {
        return api.state().kept().stream().filter(k -> "Pod".equals(k.kind()) && "v1".equals(k.apiVersion()))
                .sorted(java.util.Comparator.comparing((KeptObject k) -> k.namespace() == null ? "" : k.namespace())
                        .thenComparing(KeptObject::name))
                .toList();
    }

    /** The Pod of that name as the simulation keeps it, for {@code kubectl wait}. */
    Optional<Map<String, Object>> podContent(String ns, String name) {
        return find(ns, name).map(KeptObject::content);
    }

    private Optional<KeptObject> find(String ns, String name) {
        return pods().stream().filter(p -> ns.equals(p.namespace()) && name.equals(p.name())).findFirst();
    }

    private static String notFound(String name) {
        return "Error from server (NotFound): pods \"" + name + "\" not found\n";
    }

    /** kubectl's AlreadyExists line: with the file when the object came from one (AddSourceToErr). */
    private static Result alreadyExists(String resource, String name, String source) {
        return Result.error("Error from server (AlreadyExists): " + (source == null ? ""
                : "error when creating \"" + source + "\": ") + resource + " \"" + name + "\" already exists\n", 1);
    }

    /** Creates a Pod, a Node or an admission policy from a manifest read from {@code source} (or none). */
    Result create(Map<String, Object> manifest, String ns, boolean apply, String source) {
        Object given = map(manifest.get("metadata")).get("name");
        if (!(given instanceof String n) || n.isEmpty()) {
            return Result.error("The " + manifest.get("kind") + " \"\" is invalid: metadata.name: Required "
                    + "value: name or generateName is required\n", 1);
        }
        if ("Node".equals(manifest.get("kind"))) {
            return createNode(manifest, apply, source);
        }
        if (PolicyAdmission.isPolicyKind(String.valueOf(manifest.get("apiVersion")),
                String.valueOf(manifest.get("kind")))) {
            return keepPolicy(manifest, apply, source);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) manifest.getOrDefault("metadata", Map.of());
        String name = String.valueOf(meta.get("name"));
        if (find(ns, name).isPresent()) {
            return apply ? Result.ok("pod/" + name + " unchanged\n")
                    : alreadyExists("pods", name, source);
        }
        List<FieldError> errs = PodRuntime.validate(manifest);
        if (!errs.isEmpty()) {
            return Result.error("The Pod \"" + name + "\" is invalid: "
                    + ErrorList.aggregate(ErrorList.styled(errs, api.settings().kubernetesVersion()
                            .jsonFieldValues())) + "\n", 1);
        }
        Map<String, Object> started = PodRuntime.start(manifest, ns, api.state(), pods(), api.now());
        KeptObject pod = new KeptObject("v1", "Pod", ns, name, started);
        String warnings;
        try {
            warnings = WarningWriter.lines(api.admitKept(pod, null));
        } catch (ApiException e) {
            return Result.error(WarningWriter.lines(e.warnings()) + KubectlErrors.forStatus(e.status(), "creating",
                    null), 1);
        }
        api.keep(pod);
        return new Result("pod/" + name + " created\n", warnings, 0);
    }

    /**
     * The manifest {@code kubectl apply} sends: its own annotations plus {@code last-applied-configuration}, the
     * manifest as written (with {@code annotations: {}}) in compact JSON.
     */
    private static Map<String, Object> withLastApplied(Map<String, Object> manifest) {
        Map<String, Object> copy = new LinkedHashMap<>(manifest);
        Map<String, Object> meta = new LinkedHashMap<>(map(manifest.get("metadata")));
        Map<String, Object> own = new LinkedHashMap<>(map(meta.get("annotations")));
        own.remove(LastApplied.ANNOTATION);
        meta.put("annotations", own);
        copy.put("metadata", meta);
        Map<String, Object> sent = new LinkedHashMap<>(manifest);
        Map<String, Object> sentMeta = new LinkedHashMap<>(meta);
        Map<String, Object> annotations = new java.util.TreeMap<>(own);
        annotations.put(LastApplied.ANNOTATION, dev.cidrstudio.io.manifest.GoJson.compact(copy) + "\n");
        sentMeta.put("annotations", annotations);
        sent.put("metadata", sentMeta);
        return sent;
    }

    /**
     * A ValidatingAdmissionPolicy or binding: validated as kube-apiserver does (names, rules, actions, every
     * expression compiled), then kept as written and in effect for the writes that follow.
     */
    private Result keepPolicy(Map<String, Object> manifest, boolean apply, String source) {
        String kind = String.valueOf(manifest.get("kind"));
        String name = String.valueOf(map(manifest.get("metadata")).get("name"));
        String group = PolicyAdmission.GROUP;
        String prefix = kind.toLowerCase(java.util.Locale.ROOT) + "." + group + "/" + name;
        Optional<KeptObject> existing = api.state().kept().stream()
                .filter(k -> kind.equals(k.kind()) && name.equals(k.name())).findFirst();
        if (existing.isPresent() && !apply) {
            return alreadyExists(PolicyObjects.resource(kind) + "." + group, name, source);
        }
        List<FieldError> errs = PolicyAdmission.POLICY
                .equals(kind) ? PolicyValidation.validatePolicy(manifest,
                        existing.map(KeptObject::content).orElse(null), api.state().settings().kubernetesVersion())
                        : PolicyValidation.validateBinding(manifest);
        if (!errs.isEmpty()) {
            return Result.error(KubectlErrors.forStatus(Status.invalid(kind,
                    group, name, errs, api.state().settings().kubernetesVersion()), existing.isPresent() ? "applying" : "creating", null), 1);
        }
        Map<String, Object> sent = apply ? withLastApplied(manifest) : manifest;
        String verb = existing.isEmpty() ? "created"
                : PolicyObjects.sameAsWritten(existing.get().content(), sent) ? "unchanged" : "configured";
        if (!"unchanged".equals(verb)) {
            api.keep(new KeptObject(String.valueOf(manifest.get("apiVersion")), kind, null, name,
                    new PolicyObjects(api).stored(sent, existing)));
        }
        return Result.ok(prefix + " " + verb + "\n");
    }

    private Result createNode(Map<String, Object> manifest, boolean apply, String source) {
        String name = String.valueOf(map(manifest.get("metadata")).get("name"));
        Map<String, Object> spec = map(manifest.get("spec"));
        List<String> listed = list(spec.get("podCIDRs")).stream().map(String::valueOf).toList();
        Object single = spec.get("podCIDR");
        List<String> cidrs = NodeValidation.convertPodCidrs(
                single == null ? null : String.valueOf(single), listed);
        var errs = NodeValidation.validatePodCidrs(cidrs);
        if (!errs.isEmpty()) {
            return Result.error("The Node \"" + name + "\" is invalid: "
                    + ErrorList.aggregate(ErrorList.styled(errs, api.settings().kubernetesVersion()
                            .jsonFieldValues())) + "\n", 1);
        }
        boolean exists = api.state().kept().stream().anyMatch(k -> "Node".equals(k.kind()) && name.equals(k.name()));
        if (exists) {
            return apply ? Result.ok("node/" + name + " unchanged\n")
                    : alreadyExists("nodes", name, source);
        }
        Map<String, Object> node = new LinkedHashMap<>(manifest);
        Map<String, Object> meta = new LinkedHashMap<>(map(manifest.get("metadata")));
        meta.remove("namespace");
        meta.put("creationTimestamp", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                api.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        node.put("metadata", meta);
        if (!cidrs.isEmpty()) {
            Map<String, Object> newSpec = new LinkedHashMap<>(spec);
            newSpec.put("podCIDR", cidrs.get(0));
            newSpec.put("podCIDRs", cidrs);
            node.put("spec", newSpec);
        }
        KeptObject kept = new KeptObject("v1", "Node", null, name, node);
        String warnings;
        try {
            warnings = WarningWriter.lines(api.admitKept(kept, null));
        } catch (ApiException e) {
            return Result.error(WarningWriter.lines(e.warnings()) + KubectlErrors.forStatus(e.status(), "creating",
                    null), 1);
        }
        api.keep(kept);
        return new Result("node/" + name + " created\n", warnings, 0);
    }

    Result get(Parsed p, String ns, boolean all, Output format) {
        List<String> names = names(p.args());
        StringBuilder err = new StringBuilder();
        List<KeptObject> shown = new ArrayList<>();
        if (names.isEmpty()) {
            pods().stream().filter(k -> all || ns.equals(k.namespace())).forEach(shown::add);
        } else {
            for (String n : names) {
                find(ns, n).ifPresentOrElse(shown::add, () -> err.append(notFound(n)));
            }
        }
        if (shown.isEmpty() && err.length() == 0) {
            return Result.error(all ? "No resources found\n" : "No resources found in " + ns + " namespace.\n",
                    0);
        }
        String out;
        if (format.kind() == Output.Kind.TABLE) {
            out = table(shown, all, format.wide(), p.bool("no-headers", false));
        } else if (format.kind() == Output.Kind.NAME) {
            StringBuilder sb = new StringBuilder();
            shown.forEach(k -> sb.append("pod/").append(k.name()).append('\n'));
            out = sb.toString();
        } else if (names.size() == 1 && shown.size() == 1) {
            out = format.render(shown.get(0).content());
        } else {
            out = format.render(Printers.listOf(shown.stream().map(KeptObject::content).toList()));
        }
        return new Result(out, err.toString(), err.length() == 0 ? 0 : 1);
    }

    private String table(List<KeptObject> pods, boolean all, boolean wide, boolean noHeaders) {
        StringBuilder sb = new StringBuilder();
        if (!noHeaders) {
            sb.append(all ? "NAMESPACE\t" : "").append("NAME\tREADY\tSTATUS\tRESTARTS\tAGE")
                    .append(wide ? "\tIP\tNODE\tNOMINATED NODE\tREADINESS GATES" : "").append('\n');
        }
        for (KeptObject k : pods) {
            Map<String, Object> status = map(k.content().get("status"));
            List<Object> containers = list(status.get("containerStatuses"));
            long ready = containers.stream().filter(c -> Boolean.TRUE.equals(map(c).get("ready"))).count();
            String shownStatus = String.valueOf(status.getOrDefault("phase", "Pending"));
            for (Object c : containers) {
                Object terminated = map(map(c).get("state")).get("terminated");
                if (terminated != null) {
                    shownStatus = String.valueOf(map(terminated).get("reason"));
                }
            }
            String created = String.valueOf(map(k.content().get("metadata")).get("creationTimestamp"));
            String age = HumanDuration.format(Duration.between(Instant.parse(created), api.now()));
            sb.append(all ? k.namespace() + "\t" : "").append(k.name()).append('\t').append(ready).append('/')
                    .append(containers.size()).append('\t').append(shownStatus).append("\t0\t").append(age);
            if (wide) {
                Object ip = status.get("podIP");
                Object node = map(k.content().get("spec")).get("nodeName");
                sb.append('\t').append(ip == null ? "<none>" : ip).append('\t').append(node == null ? "<none>" : node)
                        .append("\t<none>\t<none>");
            }
            sb.append('\n');
        }
        return TabWriter.KUBECTL_TABLE.format(sb.toString());
    }

    Result exec(Parsed p, String ns) {
        if (p.args().isEmpty()) {
            return Result.error("error: you must specify at least one command for the container\n", 1);
        }
        String name = p.args().get(0);
        if (name.startsWith("pod/") || name.startsWith("pods/") || name.startsWith("po/")) {
            name = name.substring(name.indexOf('/') + 1);
        }
        Optional<KeptObject> pod = find(ns, name);
        if (pod.isEmpty()) {
            return Result.error(notFound(name), 1);
        }
        List<String> cmd = p.args().subList(1, p.args().size());
        if (cmd.isEmpty()) {
            return Result.error("error: you must specify at least one command for the container\n", 1);
        }
        if ("Succeeded".equals(map(pod.get().content().get("status")).get("phase"))) {
            return Result.error("error: cannot exec into a container in a completed pod; current phase is "
                    + "Succeeded\n", 1);
        }
        if (cmd.size() == 1 && cmd.get(0).equals("set")) {
            cmd = List.of("env");
        }
        Optional<String> out = PodRuntime.run(pod.get().content(), cmd, api.settings());
        return out.map(Result::ok).orElseGet(() -> Result.error("error: the practice console runs "
                + "only cat /etc/hosts, echo, env, printenv and hostname inside a Pod\n", 1));
    }

    Result logs(Parsed p, String ns) {
        if (p.args().isEmpty()) {
            return Result.error("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or "
                    + "TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and "
                    + "examples\n", 1);
        }
        String name = p.args().get(0);
        if (name.contains("/")) {
            name = name.substring(name.indexOf('/') + 1);
        }
        Optional<KeptObject> pod = find(ns, name);
        if (pod.isEmpty()) {
            return Result.error(notFound(name), 1);
        }
        return Result.ok(PodRuntime.log(pod.get().content(), p.string("container", null), api.settings()));
    }

    Result delete(List<String> names, String ns) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String n : names) {
            Optional<KeptObject> pod = find(ns, n);
            if (pod.isEmpty()) {
                err.append(notFound(n));
            } else {
                api.removeKept(pod.get().key());
                out.append("pod \"").append(n).append("\" deleted").append(DeleteOptions.fromNamespace(api, ns))
                        .append('\n');
            }
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
