package dev.cidrstudio.console;

import dev.cidrstudio.console.KubectlFlags.FlagException;
import dev.cidrstudio.console.KubectlFlags.Parsed;
import dev.cidrstudio.console.KubectlFlags.Type;
import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.LabelSelector;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.Admission;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.policy.PolicyAdmission;
import dev.cidrstudio.model.service.ServiceValidation;
import dev.cidrstudio.model.validation.NameValidation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubectl practice console: runs one kubectl command line against the simulated cluster and returns what a
 * terminal would show, with kubectl 1.34's output, messages and exit codes.
 */
public final class Kubectl {

    /** Reads the file named by {@code -f}. */
    @FunctionalInterface
    public interface FileSource {
        String read(String path) throws IOException;
    }

    static final String DEFAULT_NAMESPACE = "default";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String OUTPUT_FORMATS = "custom-columns,custom-columns-file,go-template,go-template-file,json,"
            + "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
    static final String EDIT_HINT = "See 'kubectl %s -h' for help and examples";
    /** How long {@code kubectl delete} waits (simulated) for finalizers that are about to go. */
    static final Duration DELETE_WAIT = Duration.ofSeconds(30);

    private final ApiServer api;
    private final PodConsole pods;
    private final FileSource files;

    public Kubectl(ApiServer api, FileSource files) {
        this.api = api;
        this.pods = new PodConsole(api);
        this.files = files;
    }

    /** Runs {@code kubectl ARGS}; {@code stdin} feeds {@code -f -}. */
    public CommandResult run(List<String> args, String stdin) {
        // Warnings from writes made outside the console belong to no command.
        api.takeWarnings();
        try {
            CommandResult r = dispatch(args, stdin == null ? "" : stdin);
            // A write's warnings come before the command's own lines, never at a later command.
            String left = warnings();
            return left.isEmpty() ? r : new CommandResult(r.stdout(), left + r.stderr(), r.exitCode());
        } catch (FlagException e) {
            return CommandResult.error("error: " + e.getMessage() + "\nSee 'kubectl " + commandName(args)
                    + " --help' for usage.", 1);
        } catch (UsageException e) {
            return CommandResult.error(e.getMessage(), 1);
        }
    }

    /** A usage error, already worded as kubectl words it. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static String commandName(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return "";
    }

    private static KubectlFlags common() {
        return new KubectlFlags().add("namespace", "n", Type.STRING, null);
    }

    private CommandResult dispatch(List<String> args, String stdin) throws FlagException, UsageException {
        int idx = -1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--namespace")) {
                i++;
                continue;
            }
            if (!a.startsWith("-")) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return CommandResult.ok("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: "
                    + "https://kubernetes.io/docs/reference/kubectl/\n");
        }
        String cmd = args.get(idx);
        List<String> rest = new ArrayList<>(args.subList(0, idx));
        rest.addAll(args.subList(idx + 1, args.size()));
        return switch (cmd) {
            case "get" -> getByFile(rest, stdin);
            case "describe" -> describe(rest);
            case "create" -> create(rest, stdin);
            case "apply" -> apply(rest, stdin);
            case "delete" -> delete(rest, stdin);
            case "version" -> version(rest);
            case "api-resources" -> apiResources(rest);
            case "run" -> {
                Parsed rp = common().add("image", null, Type.STRING, null).add("restart", null, Type.STRING, "Always")
                        .add("command", null, Type.BOOL, "false").add("labels", "l", Type.STRING, null).parse(rest);
                yield pods.run(rp, namespace(rp));
            }
            case "exec" -> {
                Parsed ep = common().add("stdin", "i", Type.BOOL, "false").add("tty", "t", Type.BOOL, "false")
                        .add("container", "c", Type.STRING, null).parse(rest);
                yield pods.exec(ep, namespace(ep));
            }
            case "logs" -> {
                Parsed lp = common().add("container", "c", Type.STRING, null).add("follow", "f", Type.BOOL, "false")
                        .parse(rest);
                yield pods.logs(lp, namespace(lp));
            }
            default -> CommandResult.error("error: unknown command \"" + cmd + "\" for \"kubectl\"", 1);
        };
    }

    /**
     * The addresses the running kube-apiservers advertise, for the {@code kubernetes} Service's endpoints: the
     * simulation runs apiserver {@code i} on node {@code i}, in the family of the Service's cluster IP.
     */
    private List<String> apiServerAddresses(KubeObject o) {
        if (!(o instanceof dev.cidrstudio.model.api.Service s) || !"default".equals(s.namespace())
                || !"kubernetes".equals(s.name())) {
            return List.of();
        }
        boolean v6 = s.spec().clusterIP() != null && s.spec().clusterIP().contains(":");
        int n = api.state().apiServers().size();
        List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(dev.cidrstudio.model.pod.PodRuntime.nodeAddress(i, v6));
        }
        return out;
    }

    private String namespace(Parsed p) {
        return p.string("namespace", DEFAULT_NAMESPACE);
    }

    // ---------------------------------------------------------------- get

    private record Target(Kind kind, List<String> names) {
    }

    private List<Target> targets(List<String> args) throws UsageException {
        List<Target> out = new ArrayList<>();
        if (args.get(0).contains("/")) {
            Map<Kind, List<String>> byKind = new LinkedHashMap<>();
            for (String a : args) {
                int slash = a.indexOf('/');
                if (slash < 0) {
                    throw new UsageException("error: there is no need to specify a resource type as a separate "
                            + "argument when passing arguments in resource/name form (e.g. 'kubectl get "
                            + "resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
                }
                Kind k = kind(a.substring(0, slash));
                byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(a.substring(slash + 1));
            }
            byKind.forEach((k, names) -> out.add(new Target(k, names)));
            return out;
        }
        List<String> names = args.subList(1, args.size());
        for (String t : args.get(0).split(",")) {
            if (!t.isEmpty()) {
                out.add(new Target(kind(t), names));
            }
        }
        return out;
    }

    private static Kind kind(String type) throws UsageException {
        Kind k = ResourceTypes.resolve(type);
        if (k == null) {
            throw new UsageException("error: the server doesn't have a resource type \"" + type + "\"");
        }
        return k;
    }

    private List<KubeObject> list(Kind k, String ns, boolean all, LabelSelector selector) {
        List<KubeObject> out = new ArrayList<>();
        for (KubeObject o : api.<KubeObject>list(k, k.namespaced() && !all ? ns : null)) {
            if (selector.matches(o.meta().labels())) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * {@code kubectl get -f FILE}: the objects a file names, one table per kind in the file's order (a blank line
     * between tables, as kubectl prints several kinds); without {@code -f}, a plain get.
     */
    private CommandResult getByFile(List<String> argv, String stdin) throws FlagException, UsageException {
        List<String> files = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if ((a.equals("-f") || a.equals("--filename")) && i + 1 < argv.size()) {
                files.add(argv.get(++i));
            } else if (a.startsWith("--filename=") || a.startsWith("-f=")) {
                files.add(a.substring(a.indexOf('=') + 1));
            } else {
                others.add(a);
            }
        }
        if (files.isEmpty()) {
            return get(argv);
        }
        // Kinds in the order the file first names them, each with its names (and namespace).
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String f : files) {
            Loaded l = load(f, stdin);
            for (KubeObject o : l.objects()) {
                String ns = o.kind().namespaced() ? (o.namespace() == null || o.namespace().isEmpty()
                        ? "default" : o.namespace()) : "";
                groups.computeIfAbsent(ResourceTypes.prefix(o.kind()) + "|" + ns, k -> new ArrayList<>())
                        .add(o.name());
            }
            for (Map<String, Object> doc : l.pods()) {
                String kind = String.valueOf(doc.get("kind"));
                Map<?, ?> meta = (Map<?, ?>) doc.getOrDefault("metadata", Map.of());
                String type = PolicyAdmission.POLICY.equals(kind) || PolicyAdmission.BINDING.equals(kind)
                        ? PolicyObjects.resource(kind) : kind.toLowerCase(java.util.Locale.ROOT) + "s";
                String ns = "Pod".equals(kind) ? String.valueOf(meta.get("namespace") == null ? "default"
                        : meta.get("namespace")) : "";
                groups.computeIfAbsent(type + "|" + ns, k -> new ArrayList<>()).add(String.valueOf(meta.get("name")));
            }
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = 0;
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            String[] typeNs = g.getKey().split("\\|", -1);
            List<String> args = new ArrayList<>(others);
            if (!typeNs[1].isEmpty()) {
                args.add("--namespace=" + typeNs[1]);
            }
            args.add(typeNs[0]);
            args.addAll(g.getValue());
            CommandResult r = get(args);
            if (!r.stdout().isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append(r.stdout());
            }
            err.append(r.stderr());
            code = Math.max(code, r.exitCode());
        }
        return new CommandResult(out.toString(), err.toString(), code);
    }

    private CommandResult get(List<String> argv) throws FlagException, UsageException {
        Parsed p = common().add("output", "o", Type.STRING, null).add("selector", "l", Type.STRING, null)
                .add("all-namespaces", "A", Type.BOOL, "false").add("no-headers", null, Type.BOOL, "false")
                .add("show-labels", null, Type.BOOL, "false").add("show-kind", null, Type.BOOL, "false")
                .add("watch", "w", Type.BOOL, "false").add("ignore-not-found", null, Type.BOOL, "false")
                .add("template", null, Type.STRING, null).parse(argv);
        if (p.bool("watch", false)) {
            return CommandResult.error("error: --watch is not available in the practice console: the simulated "
                    + "cluster only changes when you run a command", 1);
        }
        if (p.args().isEmpty()) {
            return CommandResult.error("You must specify the type of resource to get. Use \"kubectl api-resources\" "
                    + "for a complete list of supported resources.\n\nerror: Required resource not specified.\n"
                    + "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl "
                    + "explain pods).\nSee 'kubectl get -h' for help and examples", 1);
        }
        String output = p.string("output", "");
        Output format = Output.parse(output, p.string("template", null));
        boolean all = p.bool("all-namespaces", false);
        String ns = namespace(p);
        if (PodConsole.isPodType(p.args().get(0))) {
            return pods.get(p, ns, all, format);
        }
        if (PodConsole.isNodeType(p.args().get(0))) {
            return pods.getNodes(p, format, serverVersion());
        }
        String policyKind = PolicyObjects.kindOf(p.args().get(0));
        if (policyKind != null) {
            return new PolicyObjects(api).get(policyKind, PodConsole.names(p.args()), format,
                    p.bool("no-headers", false));
        }
        LabelSelector selector = selector(p);
        List<Target> targets = targets(p.args());
        StringBuilder err = new StringBuilder();
        List<List<KubeObject>> groups = new ArrayList<>();
        boolean singleItem = targets.size() == 1 && targets.get(0).names().size() == 1;
        for (Target t : targets) {
            List<KubeObject> objs = new ArrayList<>();
            if (t.names().isEmpty()) {
                objs.addAll(list(t.kind(), ns, all, selector));
            } else {
                for (String name : t.names()) {
                    try {
                        objs.add(api.get(t.kind(), ns, name));
                    } catch (ApiException e) {
                        if (!p.bool("ignore-not-found", false)) {
                            err.append(KubectlErrors.forStatus(e.status(), "getting", null));
                        }
                    }
                }
            }
            groups.add(objs);
        }
        boolean withKind = p.bool("show-kind", false) || targets.size() > 1;
        StringBuilder out = new StringBuilder();
        int total = groups.stream().mapToInt(List::size).sum();
        if (format.kind() == Output.Kind.TABLE) {
            boolean first = true;
            for (int i = 0; i < targets.size(); i++) {
                List<KubeObject> objs = groups.get(i);
                if (objs.isEmpty()) {
                    continue;
                }
                if (!first && !p.bool("no-headers", false)) {
                    out.append('\n');
                }
                first = false;
                Printers.TableOptions o = new Printers.TableOptions(all, format.wide(), withKind,
                        p.bool("no-headers", false), p.bool("show-labels", false));
                out.append(Printers.table(targets.get(i).kind(), objs, o, api.now()));
            }
            if (total == 0 && err.length() == 0) {
                boolean namespaced = targets.stream().anyMatch(t -> t.kind().namespaced());
                err.append(namespaced && !all ? "No resources found in " + ns + " namespace.\n"
                        : "No resources found\n");
            }
        } else {
            List<KubeObject> flat = new ArrayList<>();
            groups.forEach(flat::addAll);
            if (format.kind() == Output.Kind.NAME) {
                for (KubeObject o : flat) {
                    out.append(ResourceTypes.prefix(o.kind())).append('/').append(o.name()).append('\n');
                }
            } else if (!(singleItem && flat.isEmpty())) {
                Object doc;
                if (singleItem && flat.size() == 1) {
                    doc = Printers.encode(flat.get(0));
                } else {
                    List<Map<String, Object>> items = new ArrayList<>();
                    flat.forEach(o -> items.add(Printers.encode(o)));
                    doc = Printers.listOf(items);
                }
                out.append(format.render(doc));
            }
        }
        boolean failed = err.length() > 0 && !err.toString().startsWith("No resources found");
        return new CommandResult(out.toString(), err.toString(), failed ? 1 : 0);
    }

    private static LabelSelector selector(Parsed p) throws UsageException {
        String s = p.string("selector", null);
        if (s == null) {
            return LabelSelector.EVERYTHING;
        }
        try {
            return LabelSelector.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("error: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- describe

    private CommandResult describe(List<String> argv) throws FlagException, UsageException {
        Parsed p = common().add("selector", "l", Type.STRING, null).add("all-namespaces", "A", Type.BOOL, "false")
                .add("show-events", null, Type.BOOL, "true").parse(argv);
        if (p.args().isEmpty()) {
            return CommandResult.error("You must specify the type of resource to describe. Use \"kubectl "
                    + "api-resources\" for a complete list of supported resources.\n\nerror: Required resource not "
                    + "specified.\nSee 'kubectl describe -h' for help and examples", 1);
        }
        String policyKind = PolicyObjects.kindOf(p.args().get(0));
        if (policyKind != null) {
            return new PolicyObjects(api).describe(policyKind, PodConsole.names(p.args()),
                    p.bool("show-events", true));
        }
        String ns = namespace(p);
        boolean all = p.bool("all-namespaces", false);
        LabelSelector selector = selector(p);
        List<Target> targets = targets(p.args());
        List<KubeObject> found = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        for (Target t : targets) {
            if (t.names().isEmpty()) {
                found.addAll(list(t.kind(), ns, all, selector));
                continue;
            }
            for (String name : t.names()) {
                var exact = api.<KubeObject>find(t.kind(), ns, name);
                if (exact.isPresent()) {
                    found.add(exact.get());
                    continue;
                }
                List<KubeObject> prefixed = new ArrayList<>();
                for (KubeObject o : list(t.kind(), ns, false, selector)) {
                    if (o.name().startsWith(name)) {
                        prefixed.add(o);
                    }
                }
                if (prefixed.isEmpty()) {
                    err.append(KubectlErrors.forStatus(
                            Status.notFound(t.kind(), name), "getting", null));
                }
                found.addAll(prefixed);
            }
        }
        if (found.isEmpty() && err.length() == 0) {
            boolean namespaced = targets.stream().anyMatch(t -> t.kind().namespaced());
            return new CommandResult("", namespaced && !all ? "No resources found in " + ns + " namespace.\n"
                    : "No resources found\n", 0);
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (KubeObject o : found) {
            List<Event> events = p.bool("show-events", true) ? eventsFor(o) : null;
            List<Map<String, Object>> podsHere = api.state().kept().stream().filter(k -> "Pod".equals(k.kind())
                    && java.util.Objects.equals(k.namespace(), o.namespace()))
                    .sorted(java.util.Comparator.comparing(dev.cidrstudio.model.api.KeptObject::name))
                    .map(dev.cidrstudio.model.api.KeptObject::content).toList();
            String text = Describer.describe(o, events, api.now(), podsHere, apiServerAddresses(o));
            out.append(first ? text : "\n\n" + text);
            first = false;
        }
        return new CommandResult(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    private List<Event> eventsFor(KubeObject o) {
        List<Event> out = new ArrayList<>();
        for (Event e : api.<Event>list(Kind.EVENT, null)) {
            var ref = e.involvedObject();
            if (ref != null && o.kind().kindName().equals(ref.kind()) && o.name().equals(ref.name())
                    && (ref.uid() == null || ref.uid().equals(o.meta().uid()))) {
                out.add(e);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- create / apply

    private record Loaded(List<KubeObject> objects, List<Map<String, Object>> raws, String source,
            List<Map<String, Object>> pods) {
    }

    private Loaded load(String path, String stdin) throws UsageException {
        String source = "-".equals(path) ? "STDIN" : path;
        String text;
        if ("-".equals(path)) {
            text = stdin;
        } else if (path.startsWith("http://") || path.startsWith("https://")) {
            text = DocsExamples.read(path).orElseThrow(() -> new UsageException("error: unable to read URL \"" + path
                    + "\": the practice console is offline and only knows the examples of the Kubernetes docs "
                    + "pages it replays"));
        } else {
            try {
                text = files.read(path);
            } catch (IOException e) {
                throw new UsageException("error: the path \"" + path + "\" does not exist");
            }
        }
        List<Decoded> docs;
        try {
            docs = ManifestDecoder.decodeAll(source, text);
        } catch (ManifestException e) {
            Problem first = e.problems().get(0);
            String kube = first.kubeMessage() == null ? first.message() : first.kubeMessage();
            if (kube.startsWith("error validating data")) {
                throw new UsageException("error: error validating \"" + source + "\": " + kube + "; if you choose "
                        + "to ignore these errors, turn validation off with --validate=false");
            }
            if (kube.contains("cannot be handled as")) {
                throw new UsageException("Error from server (BadRequest): error when creating \"" + source + "\": "
                        + kube);
            }
            throw new UsageException("error: error parsing " + source + ": " + kube);
        }
        List<KubeObject> objects = new ArrayList<>();
        List<Map<String, Object>> raws = new ArrayList<>();
        List<Map<String, Object>> podDocs = new ArrayList<>();
        for (Decoded d : docs) {
            if (d instanceof Decoded.Object o) {
                objects.add(o.object());
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = (Map<String, Object>) Plain.toPlain(o.raw());
                raws.add(raw);
            } else if (d instanceof Decoded.Other other && (("Pod".equals(other.kind())
                    || "Node".equals(other.kind())) && "v1".equals(other.apiVersion())
                    || PolicyAdmission.isPolicyKind(other.apiVersion(), other.kind()))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = (Map<String, Object>) Plain.toPlain(other.raw());
                podDocs.add(raw);
            } else if (d instanceof Decoded.Other other) {
                throw new UsageException("error: resource mapping not found for name: \"" + nz(other.name())
                        + "\" namespace: \"" + nz(other.namespace()) + "\" from \"" + source + "\": no matches for "
                        + "kind \"" + other.kind() + "\" in version \"" + other.apiVersion() + "\"\nensure CRDs are "
                        + "installed first");
            } else {
                throw new UsageException("error: resource mapping not found for name: \"\" namespace: \"\" from \""
                        + source + "\": no matches for kind \"Cluster\" in version \"cidrstudio.dev/v1alpha1\"\n"
                        + "ensure CRDs are installed first");
            }
        }
        return new Loaded(objects, raws, source, podDocs);
    }

    @SuppressWarnings("unchecked")
    private static String podNamespace(Map<String, Object> pod, String ns) {
        Object meta = pod.get("metadata");
        Object own = meta instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("namespace") : null;
        return own instanceof String s && !s.isEmpty() ? s : ns;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private KubeObject inNamespace(KubeObject o, String ns) throws UsageException {
        if (!o.kind().namespaced()) {
            return o.namespace() == null ? o : o.withMeta(o.meta().withNamespace(null));
        }
        if (o.namespace() == null || o.namespace().isEmpty()) {
            return o.withMeta(o.meta().withNamespace(ns));
        }
        if (!o.namespace().equals(ns) && !ns.equals(DEFAULT_NAMESPACE)) {
            throw new UsageException("error: the namespace from the provided object \"" + o.namespace() + "\" does "
                    + "not match the namespace \"" + ns + "\". You must pass '--namespace=" + o.namespace()
                    + "' to perform this operation.");
        }
        return o;
    }

    private enum DryRun { NONE, CLIENT, SERVER }

    private static DryRun dryRun(Parsed p) throws UsageException {
        if (!p.has("dry-run")) {
            return DryRun.NONE;
        }
        String v = p.string("dry-run", "none");
        return switch (v) {
            case "none", "false" -> DryRun.NONE;
            case "client", "true" -> DryRun.CLIENT;
            case "server" -> DryRun.SERVER;
            default -> throw new UsageException("error: Invalid dry-run value (" + v + "). Must be \"none\", "
                    + "\"server\", or \"client\".");
        };
    }

    private static String suffix(DryRun d) {
        return switch (d) {
            case NONE -> "";
            case CLIENT -> " (dry run)";
            case SERVER -> " (server dry run)";
        };
    }

    private CommandResult create(List<String> argv, String stdin) throws FlagException, UsageException {
        KubectlFlags flags = common().add("filename", "f", Type.STRINGS, null).add("output", "o", Type.STRING, null)
                .add("dry-run", null, Type.STRING, "none").add("tcp", null, Type.STRINGS, null)
                .add("clusterip", null, Type.STRING, null).add("node-port", null, Type.INT, "0")
                .add("external-name", null, Type.STRING, null).add("save-config", null, Type.BOOL, "false")
                .add("validate", null, Type.STRING, "strict");
        Parsed p = flags.parse(argv);
        DryRun dry = dryRun(p);
        Output format = Output.parse(p.string("output", ""));
        if (!p.raw("filename").isEmpty()) {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            for (String f : p.raw("filename")) {
                Loaded l = load(f, stdin);
                for (KubeObject o : l.objects()) {
                    KubeObject obj = inNamespace(o, namespace(p));
                    try {
                        KubeObject created = admitted(obj, dry, err);
                        out.append(format.isDefault() ? ResourceTypes.prefix(created.kind()) + "/" + created.name()
                                + " created" + suffix(dry) + "\n" : format.renderObject(created));
                    } catch (ApiException e) {
                        err.append(warnings());
                        err.append(KubectlErrors.forStatus(e.status(), "creating", l.source()));
                    }
                }
                for (Map<String, Object> pod : l.pods()) {
                    CommandResult r = pods.create(pod, podNamespace(pod, namespace(p)), false, l.source());
                    out.append(r.stdout());
                    err.append(r.stderr());
                }
            }
            return new CommandResult(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
        }
        if (p.args().isEmpty()) {
            return CommandResult.error("error: must specify one of -f and -k\n\n" + "See 'kubectl create -h' for "
                    + "help and examples", 1);
        }
        String sub = p.args().get(0);
        List<String> rest = p.args().subList(1, p.args().size());
        return switch (sub) {
            case "service", "svc" -> createService(rest, p, dry, format);
            case "namespace", "ns" -> createNamespace(rest, p, dry, format);
            default -> CommandResult.error("error: unknown command \"" + sub + "\" for \"kubectl create\"", 1);
        };
    }

    /**
     * Creates an object; the API server runs the cluster's admission policies after validation (their warnings go
     * to {@code warnings} as kubectl prints them).
     */
    private KubeObject admitted(KubeObject obj, DryRun dry, StringBuilder warnings) throws ApiException {
        if (dry == DryRun.CLIENT) {
            return obj;
        }
        // Only a server-side dry run needs the state to put back (a snapshot copies the whole plan).
        ClusterState before = dry == DryRun.SERVER ? api.snapshot() : null;
        try {
            KubeObject created = api.create(obj);
            if (dry == DryRun.SERVER) {
                api.restore(before);
            }
            return created;
        } finally {
            warnings.append(warnings());
        }
    }

    /** The admission warnings of the last writes, as kubectl prints them (each once). */
    private String warnings() {
        StringBuilder sb = new StringBuilder();
        for (String w : new java.util.LinkedHashSet<>(api.takeWarnings())) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    private KubeObject submitCreate(KubeObject obj, DryRun dry) throws ApiException {
        if (dry == DryRun.CLIENT) {
            return obj;
        }
        if (dry == DryRun.SERVER) {
            ClusterState before = api.snapshot();
            try {
                return api.create(obj);
            } finally {
                api.restore(before);
            }
        }
        return api.create(obj);
    }

    private CommandResult createNamespace(List<String> rest, Parsed p, DryRun dry, Output format) {
        if (rest.size() != 1) {
            return CommandResult.error("error: exactly one NAME is required, got " + rest.size() + "\n"
                    + String.format(EDIT_HINT, "create namespace"), 1);
        }
        try {
            KubeObject created = submitCreate(new Namespace(ObjectMeta.named(rest.get(0)), null), dry);
            return CommandResult.ok(format.isDefault() ? "namespace/" + created.name() + " created" + suffix(dry)
                    + "\n" : format.renderTyped(created, true));
        } catch (ApiException e) {
            return CommandResult.error(KubectlErrors.forStatus(e.status(), "creating", null), 1);
        }
    }

    private CommandResult createService(List<String> rest, Parsed p, DryRun dry, Output format) {
        if (rest.isEmpty()) {
            return CommandResult.error("error: unknown command \"\" for \"kubectl create service\"", 1);
        }
        String type = switch (rest.get(0)) {
            case "clusterip" -> "ClusterIP";
            case "nodeport" -> "NodePort";
            case "loadbalancer" -> "LoadBalancer";
            case "externalname" -> "ExternalName";
            default -> null;
        };
        if (type == null) {
            return CommandResult.error("error: unknown command \"" + rest.get(0) + "\" for \"kubectl create "
                    + "service\"", 1);
        }
        // Each subcommand has its own flags; cobra refuses the others before anything runs.
        Map<String, List<String>> own = Map.of("ClusterIP", List.of("tcp", "clusterip"), "NodePort",
                List.of("tcp", "node-port"), "LoadBalancer", List.of("tcp"), "ExternalName",
                List.of("tcp", "external-name"));
        for (String flag : List.of("tcp", "clusterip", "node-port", "external-name")) {
            if (p.has(flag) && !own.get(type).contains(flag)) {
                return CommandResult.error("error: unknown flag: --" + flag + "\nSee 'kubectl create service "
                        + rest.get(0) + " --help' for usage.", 1);
            }
        }
        if ("ExternalName".equals(type) && !p.has("external-name")) {
            return CommandResult.error("error: required flag(s) \"external-name\" not set", 1);
        }
        List<String> names = rest.subList(1, rest.size());
        if (names.size() != 1) {
            return CommandResult.error("error: exactly one NAME is required, got " + names.size() + "\n"
                    + String.format(EDIT_HINT, "create service " + rest.get(0)), 1);
        }
        String name = names.get(0);
        String clusterIpFlag = p.string("clusterip", null);
        List<String> tcps = p.strings("tcp");
        if ("None".equals(clusterIpFlag) && !"ClusterIP".equals(type)) {
            return CommandResult.error("error: ClusterIP=None can only be used with ClusterIP service type", 1);
        }
        if (!"None".equals(clusterIpFlag) && tcps.isEmpty() && !"ExternalName".equals(type)) {
            return CommandResult.error("error: at least one tcp port specifier must be provided", 1);
        }
        String externalName = p.string("external-name", "");
        if ("ExternalName".equals(type) && !NameValidation.isDns1123Subdomain(externalName).isEmpty()) {
            return CommandResult.error("error: invalid service external name " + externalName, 1);
        }
        List<ServicePort> ports = new ArrayList<>();
        for (String tcp : tcps) {
            String[] pt = tcp.split(":", -1);
            String portError = parseUint16(pt[0]);
            if (portError != null) {
                return CommandResult.error("error: " + portError, 1);
            }
            int port = Integer.parseInt(pt[0]);
            String target = Integer.toString(port);
            boolean numeric = true;
            if (pt.length > 1) {
                target = pt[1];
                if (!target.matches("[+-]?[0-9]+") || target.length() > 18) {
                    List<String> bad = ServiceValidation.portNameProblems(target);
                    if (!bad.isEmpty()) {
                        return CommandResult.error("error: " + String.join(",", bad), 1);
                    }
                    numeric = false;
                } else {
                    long n = Long.parseLong(target);
                    if (n < 1 || n > 65535) {
                        return CommandResult.error("error: must be between 1 and 65535, inclusive", 1);
                    }
                    target = Long.toString(n);
                }
            }
            Integer nodePort = null;
            if ("NodePort".equals(type) && p.has("node-port")) {
                nodePort = Integer.parseInt(p.string("node-port", "0"));
            }
            ports.add(new ServicePort(tcp.replace(':', '-'), "TCP", port, target, numeric, nodePort, null));
        }
        Map<String, String> labels = Map.of("app", name);
        ServiceSpec spec = ServiceSpec.empty().withType(type).withPorts(ports.isEmpty() ? null : ports)
                .withSelector(labels);
        if ("ExternalName".equals(type)) {
            spec = spec.withExternalName(externalName);
        }
        String clusterIp = clusterIpFlag;
        if (clusterIp != null && !clusterIp.isEmpty()) {
            spec = spec.withClusterIPs(clusterIp, null);
        }
        Service svc = new Service(ObjectMeta.named(namespace(p), name).withLabels(labels), spec, List.of());
        try {
            KubeObject created = submitCreate(svc, dry);
            boolean keepNamespace = dry != DryRun.CLIENT || p.has("namespace");
            return CommandResult.ok(format.isDefault() ? "service/" + created.name() + " created" + suffix(dry)
                    + "\n" : format.renderTyped(created, keepNamespace));
        } catch (ApiException e) {
            return CommandResult.error("error: failed to create " + type + " service: " + e.status().message(), 1);
        }
    }

    /** kubectl 1.34 names the namespace a namespaced object was deleted from; 1.33 does not. */
    static String fromNamespace(ApiServer api, String namespace) {
        return namespace == null || api.settings().kubernetesVersion() == KubeVersion.V1_33 ? ""
                : " from " + namespace + " namespace";
    }

    /** Go's {@code strconv.ParseUint(s, 10, 16)} as {@code utilsnet.ParsePort} reports it; null when it parses. */
    static String parseUint16(String s) {
        String head = "strconv.ParseUint: parsing " + dev.cidrstudio.model.field.GoValue.quote(s) + ": ";
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return head + "invalid syntax";
        }
        String digits = s.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
            return head + "value out of range";
        }
        return null;
    }

    private CommandResult apply(List<String> argv, String stdin) throws FlagException, UsageException {
        Parsed p = common().add("filename", "f", Type.STRINGS, null).add("output", "o", Type.STRING, null)
                .add("dry-run", null, Type.STRING, "none").add("validate", null, Type.STRING, "strict")
                .add("server-side", null, Type.BOOL, "false").add("force-conflicts", null, Type.BOOL, "false")
                .parse(argv);
        if (p.raw("filename").isEmpty()) {
            return CommandResult.error("error: must specify one of -f and -k\n\n" + String.format(EDIT_HINT, "apply"),
                    1);
        }
        DryRun dry = dryRun(p);
        Output format = Output.parse(p.string("output", ""));
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        StringBuilder warnings = new StringBuilder();
        for (String f : p.raw("filename")) {
            Loaded l = load(f, stdin);
            for (int i = 0; i < l.objects().size(); i++) {
                KubeObject obj = inNamespace(l.objects().get(i), namespace(p));
                KubeObject withAnnotation = obj.withMeta(obj.meta().withAnnotations(
                        lastApplied(obj, l.raws().get(i))));
                try {
                    var existing = api.<KubeObject>find(obj.kind(), obj.namespace(), obj.name());
                    String verb;
                    KubeObject result;
                    if (existing.isEmpty()) {
                        result = admitted(withAnnotation, dry, warnings);
                        verb = "created";
                    } else {
                        // kubectl sends nothing when the patch is empty, so an unchanged object meets no policy.
                        ClusterState before = api.snapshot();
                        var admission = api.admission();
                        api.setAdmission(Admission.NONE);
                        KubeObject trial;
                        try {
                            trial = api.update(merge(withAnnotation, existing.get()));
                        } finally {
                            api.setAdmission(admission);
                            api.restore(before);
                        }
                        boolean changed = !sameApart(trial, existing.get());
                        result = trial;
                        if (changed) {
                            try {
                                result = api.update(merge(withAnnotation, existing.get()));
                            } finally {
                                warnings.append(warnings());
                            }
                            if (dry != DryRun.NONE) {
                                api.restore(before);
                            }
                        }
                        verb = changed ? "configured" : "unchanged";
                    }
                    out.append(format.isDefault() ? ResourceTypes.prefix(result.kind()) + "/" + result.name() + " "
                            + verb + suffix(dry) + "\n" : format.renderObject(result));
                } catch (ApiException e) {
                    errors.add(KubectlErrors.forStatus(e.status(), existsName(obj) ? "applying" : "creating",
                            l.source()));
                }
            }
            for (Map<String, Object> pod : l.pods()) {
                CommandResult r = pods.create(pod, podNamespace(pod, namespace(p)), true, l.source());
                out.append(r.stdout());
                if (!r.stderr().isEmpty()) {
                    errors.add(r.stderr());
                }
            }
        }
        String err;
        if (errors.size() > 1) {
            StringBuilder sb = new StringBuilder();
            for (String e : errors) {
                sb.append(e.startsWith("The ") ? "Error from server (Invalid): " + e : e);
            }
            err = sb.toString();
        } else {
            err = errors.isEmpty() ? "" : errors.get(0);
        }
        return new CommandResult(out.toString(), warnings + err, errors.isEmpty() ? 0 : 1);
    }

    private boolean existsName(KubeObject o) {
        return api.find(o.kind(), o.namespace(), o.name()).isPresent();
    }

    /** Equal apart from the resourceVersion, which every write bumps. */
    private static boolean sameApart(KubeObject a, KubeObject b) {
        Map<String, Object> ea = Printers.encode(a.withMeta(a.meta().withResourceVersion(null)));
        Map<String, Object> eb = Printers.encode(b.withMeta(b.meta().withResourceVersion(null)));
        return ea.equals(eb);
    }

    /** The object apply sends: the user's fields win, the server keeps what the user never set. */
    private static KubeObject merge(KubeObject applied, KubeObject existing) {
        Map<String, String> labels = new TreeMap<>(applied.meta().labels());
        Map<String, String> annotations = new TreeMap<>(existing.meta().annotations());
        annotations.putAll(applied.meta().annotations());
        return applied.withMeta(applied.meta().withLabels(labels).withAnnotations(annotations)
                .withFinalizers(existing.meta().finalizers()));
    }

    /** The {@code last-applied-configuration} annotation: the manifest as sent, compact JSON, newline-ended. */
    private static Map<String, String> lastApplied(KubeObject obj, Map<String, Object> raw) {
        Map<String, Object> copy = deepCopy(raw);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        Map<String, Object> ann = new LinkedHashMap<>();
        if (meta.get("annotations") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!LAST_APPLIED.equals(k)) {
                    ann.put(k.toString(), v);
                }
            });
        }
        meta.put("annotations", ann);
        if (obj.kind().namespaced()) {
            meta.put("namespace", obj.namespace());
        }
        Map<String, String> annotations = new TreeMap<>(obj.meta().annotations());
        annotations.put(LAST_APPLIED, GoJson.compact(copy) + "\n");
        return annotations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
        return out;
    }

    // ---------------------------------------------------------------- delete

    private CommandResult delete(List<String> argv, String stdin) throws FlagException, UsageException {
        Parsed p = common().add("filename", "f", Type.STRINGS, null).add("selector", "l", Type.STRING, null)
                .add("all", null, Type.BOOL, "false").add("wait", null, Type.BOOL, "true")
                .add("now", null, Type.BOOL, "false").add("grace-period", null, Type.INT, "-1")
                .add("ignore-not-found", null, Type.BOOL, "false").add("output", "o", Type.STRING, null)
                .add("dry-run", null, Type.STRING, "none").add("all-namespaces", "A", Type.BOOL, "false")
                .add("force", null, Type.BOOL, "false").add("timeout", null, Type.STRING, "0s").parse(argv);
        DryRun dry = dryRun(p);
        String ns = namespace(p);
        List<KubeObject> victims = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        StringBuilder keptOut = new StringBuilder();
        boolean ignore = p.bool("ignore-not-found", false);
        if (!p.raw("filename").isEmpty()) {
            for (String f : p.raw("filename")) {
                Loaded l = load(f, stdin);
                for (KubeObject o : l.objects()) {
                    KubeObject obj = inNamespace(o, ns);
                    var found = api.<KubeObject>find(obj.kind(), obj.namespace(), obj.name());
                    if (found.isPresent()) {
                        victims.add(found.get());
                    } else if (!ignore) {
                        err.append(KubectlErrors.forStatus(Status.notFound(obj.kind(),
                                obj.name()), "deleting", l.source()));
                    }
                }
                // Admission policies and bindings (and Pods) are kept objects: deleted by kind and name.
                for (Map<String, Object> doc : l.pods()) {
                    String kind = String.valueOf(doc.get("kind"));
                    String name = String.valueOf(((Map<?, ?>) doc.getOrDefault("metadata", Map.of())).get("name"));
                    boolean policy = PolicyAdmission.POLICY.equals(kind) || PolicyAdmission.BINDING.equals(kind);
                    PolicyObjects policies = new PolicyObjects(api);
                    if (policy && policies.find(kind, name).isEmpty()) {
                        if (!ignore) {
                            err.append("Error from server (NotFound): error when deleting \"").append(l.source())
                                    .append("\": ").append(PolicyObjects.resource(kind)).append('.')
                                    .append(PolicyAdmission.GROUP).append(" \"").append(name).append("\" not found\n");
                        }
                        continue;
                    }
                    CommandResult r = policy ? policies.delete(kind, List.of(name))
                            : "Pod".equals(kind) ? pods.delete(List.of(name), ns) : null;
                    if (r != null) {
                        keptOut.append(r.stdout());
                        if (!ignore) {
                            err.append(r.stderr());
                        }
                    }
                }
            }
        } else {
            if (p.args().isEmpty()) {
                return CommandResult.error("error: You must provide one or more resources by argument or filename.\n"
                        + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                        + "   '<resource> <name>'\n   '<resource>'", 1);
            }
            if (PodConsole.isPodType(p.args().get(0))) {
                return pods.delete(PodConsole.names(p.args()), ns);
            }
            String policyKind = PolicyObjects.kindOf(p.args().get(0));
            if (policyKind != null) {
                return new PolicyObjects(api).delete(policyKind, PodConsole.names(p.args()));
            }
            List<Target> targets = targets(p.args());
            for (Target t : targets) {
                if (t.names().isEmpty()) {
                    if (!p.bool("all", false) && !p.has("selector")) {
                        return CommandResult.error("error: resource(s) were provided, but no name was specified", 1);
                    }
                    victims.addAll(list(t.kind(), ns, p.bool("all-namespaces", false), selector(p)));
                    continue;
                }
                for (String name : t.names()) {
                    var found = api.<KubeObject>find(t.kind(), ns, name);
                    if (found.isPresent()) {
                        victims.add(found.get());
                    } else if (!ignore) {
                        err.append(KubectlErrors.forStatus(Status.notFound(t.kind(),
                                name), "deleting", null));
                    }
                }
            }
            if (victims.isEmpty() && err.length() == 0 && !ignore) {
                return CommandResult.ok("No resources found\n");
            }
        }
        StringBuilder out = new StringBuilder(keptOut);
        String operation = "0".equals(p.string("grace-period", "-1")) ? "force deleted" : "deleted";
        List<KubeObject> pending = new ArrayList<>();
        for (KubeObject v : victims) {
            if (dry == DryRun.NONE) {
                try {
                    KubeObject after = api.delete(v.kind(), v.namespace(), v.name());
                    if (after.meta().beingDeleted()) {
                        pending.add(after);
                    }
                } catch (ApiException e) {
                    err.append(KubectlErrors.forStatus(e.status(), "deleting", null));
                    continue;
                }
            }
            if ("name".equals(p.string("output", ""))) {
                out.append(ResourceTypes.prefix(v.kind())).append('/').append(v.name()).append('\n');
            } else {
                out.append(ResourceTypes.prefix(v.kind())).append(" \"").append(v.name()).append("\" ")
                        .append(operation).append(suffix(dry)).append(fromNamespace(api, v.namespace()))
                        .append('\n');
            }
        }
        if (p.bool("wait", true) && !pending.isEmpty()) {
            waitForDeletion(pending);
        }
        return new CommandResult(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    /**
     * {@code --wait}: a real kubectl blocks until the objects are gone. Finalizers that are about to be released
     * (the ServiceCIDR controller's 10 s grace) are waited for on the simulated clock; objects that stay pending
     * (blocked by IPAddresses) would block kubectl indefinitely, so the console returns at once instead.
     */
    private void waitForDeletion(List<KubeObject> pending) {
        Duration waited = Duration.ZERO;
        Duration step = Duration.ofSeconds(1);
        while (waited.compareTo(DELETE_WAIT) < 0) {
            boolean anyLeft = false;
            boolean anyBlocked = false;
            for (KubeObject o : pending) {
                var cur = api.<KubeObject>find(o.kind(), o.namespace(), o.name());
                if (cur.isPresent()) {
                    anyLeft = true;
                    if (cur.get() instanceof ServiceCidr sc) {
                        var ready = sc.condition(ServiceCidr.CONDITION_READY);
                        if (ready != null && "False".equals(ready.status())) {
                            anyBlocked = true;
                        }
                    }
                }
            }
            if (!anyLeft || anyBlocked) {
                return;
            }
            api.advanceClock(step);
            waited = waited.plus(step);
        }
    }

    // ---------------------------------------------------------------- version / api-resources

    /** The kube-apiserver (and kubelet) version a plan's Kubernetes minor reports. */
    private String serverVersion() {
        return switch (api.settings().kubernetesVersion()) {
            case V1_33 -> "v1.33.6";
            case V1_34 -> "v1.34.2";
            case V1_35 -> "v1.35.0";
        };
    }

    private CommandResult version(List<String> argv) throws FlagException {
        Parsed p = new KubectlFlags().add("client", null, Type.BOOL, "false").add("output", "o", Type.STRING, null)
                .parse(argv);
        KubeVersion v = api.settings().kubernetesVersion();
        String client = "v1.34.2";
        String kustomize = "v5.7.1";
        String server = serverVersion();
        StringBuilder sb = new StringBuilder("Client Version: ").append(client).append('\n')
                .append("Kustomize Version: ").append(kustomize).append('\n');
        if (!p.bool("client", false)) {
            sb.append("Server Version: ").append(server).append('\n');
        }
        return CommandResult.ok(sb.toString());
    }

    private CommandResult apiResources(List<String> argv) throws FlagException {
        new KubectlFlags().add("namespaced", null, Type.BOOL, "true").add("output", "o", Type.STRING, null)
                .parse(argv);
        StringBuilder sb = new StringBuilder("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
        record Row(String group, String plural, String line) {
        }
        List<Row> rows = new ArrayList<>();
        for (Kind k : Kind.values()) {
            rows.add(new Row(k.group(), k.plural(), k.plural() + "\t" + String.join(",", k.shortNames()) + "\t"
                    + k.apiVersion() + "\t" + k.namespaced() + "\t" + k.kindName() + "\n"));
        }
        // Pods and Nodes live beside the modelled kinds (see PodConsole).
        rows.add(new Row("", "nodes", "nodes\tno\tv1\tfalse\tNode\n"));
        rows.add(new Row("", "pods", "pods\tpo\tv1\ttrue\tPod\n"));
        // So do admission policies and their bindings (see PolicyObjects).
        rows.add(new Row("admissionregistration.k8s.io", "validatingadmissionpolicies",
                "validatingadmissionpolicies\t\tadmissionregistration.k8s.io/v1\tfalse\tValidatingAdmissionPolicy\n"));
        rows.add(new Row("admissionregistration.k8s.io", "validatingadmissionpolicybindings",
                "validatingadmissionpolicybindings\t\tadmissionregistration.k8s.io/v1\tfalse\t"
                        + "ValidatingAdmissionPolicyBinding\n"));
        rows.sort(java.util.Comparator.comparing(Row::group).thenComparing(Row::plural));
        rows.forEach(r -> sb.append(r.line()));
        return CommandResult.ok(TabWriter.KUBECTL_TABLE.format(sb.toString()));
    }

    /** The ApiServer this console talks to. */
    public ApiServer api() {
        return api;
    }

    static String manifestOf(KubeObject o) {
        return Printers.yaml(ManifestEncoder.encode(o));
    }
}
