package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ManifestFiles.Loaded;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.LabelSelector;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.policy.PolicyAdmission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code kubectl get}: tables, or the objects in a chosen output format; {@code -f} gets what files name. */
public final class GetOptions implements Command {

    private final Factory f;
    private final String stdin;
    private final List<String> filenames = new ArrayList<>();
    /** The command line without the {@code -f} flags, for the get of each kind a file names. */
    private final List<String> others = new ArrayList<>();
    /** False for the get of one kind a file names: its command line has no {@code -f} left to read. */
    private final boolean readsFilenames;
    private Parsed flags;

    public GetOptions(Factory f, String stdin) {
        this(f, stdin, true);
    }

    private GetOptions(Factory f, String stdin, boolean readsFilenames) {
        this.f = f;
        this.stdin = stdin;
        this.readsFilenames = readsFilenames;
    }

    private static KubectlFlags flags() {
        return KubectlFlags.common().add("output", "o", Type.STRING, null).add("selector", "l", Type.STRING, null)
                .add("all-namespaces", "A", Type.BOOL, "false").add("no-headers", null, Type.BOOL, "false")
                .add("show-labels", null, Type.BOOL, "false").add("show-kind", null, Type.BOOL, "false")
                .add("watch", "w", Type.BOOL, "false").add("ignore-not-found", null, Type.BOOL, "false")
                .add("template", null, Type.STRING, null).add("label-columns", "L", Type.STRINGS, null)
                .add("field-selector", null, Type.STRING, null).add("sort-by", null, Type.STRING, null)
                .add("chunk-size", null, Type.INT, "500").add("watch-only", null, Type.BOOL, "false")
                .add("output-watch-events", null, Type.BOOL, "false").add("server-print", null, Type.BOOL, "true");
    }

    /** With {@code -f}, the other flags are only read by the get of each kind the files name. */
    @Override
    public void complete(List<String> args) throws FlagException {
        for (int i = 0; readsFilenames && i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-f") || a.equals("--filename")) && i + 1 < args.size()) {
                filenames.add(args.get(++i));
            } else if (a.startsWith("--filename=") || a.startsWith("-f=")) {
                filenames.add(a.substring(a.indexOf('=') + 1));
            } else {
                others.add(a);
            }
        }
        if (filenames.isEmpty()) {
            flags = flags().parse(args);
        }
    }

    @Override
    public Result run() throws FlagException, UsageException {
        return filenames.isEmpty() ? runResources() : runFilenames();
    }

    /**
     * The objects the files name, one table per kind in the files' order (a blank line between tables, as kubectl
     * prints several kinds).
     */
    private Result runFilenames() throws FlagException, UsageException {
        // Kinds in the order the files first name them, each with its names (and namespace).
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String file : filenames) {
            Loaded l = ManifestFiles.load(f, file, stdin);
            for (KubeObject o : l.objects()) {
                String ns = o.kind().namespaced() ? (o.namespace() == null || o.namespace().isEmpty()
                        ? "default" : o.namespace()) : "";
                groups.computeIfAbsent(ResourceTypes.prefix(o.kind()) + "|" + ns, k -> new ArrayList<>())
                        .add(o.name());
            }
            for (Map<String, Object> doc : l.kept()) {
                String kind = String.valueOf(doc.get("kind"));
                Map<?, ?> meta = (Map<?, ?>) doc.getOrDefault("metadata", Map.of());
                String type = PolicyAdmission.POLICY.equals(kind) || PolicyAdmission.BINDING.equals(kind)
                        ? PolicyObjects.resource(kind) : kind.toLowerCase(Locale.ROOT) + "s";
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
            Result r = Command.execute(new GetOptions(f, stdin, false), args);
            if (!r.stdout().isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append(r.stdout());
            }
            err.append(r.stderr());
            code = Math.max(code, r.exitCode());
        }
        return new Result(out.toString(), err.toString(), code);
    }

    private Result runResources() throws UsageException {
        Parsed p = flags;
        if (p.bool("watch", false) || p.bool("watch-only", false)) {
            return Result.error("error: --watch is not available in the practice console: the simulated "
                    + "cluster only changes when you run a command", 1);
        }
        if (p.args().isEmpty()) {
            return Result.error("You must specify the type of resource to get. Use \"kubectl api-resources\" "
                    + "for a complete list of supported resources.\n\nerror: Required resource not specified.\n"
                    + "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl "
                    + "explain pods).\nSee 'kubectl get -h' for help and examples", 1);
        }
        Output format = Output.parseForGet(p.string("output", ""), p.string("template", null),
                f.api().settings().kubernetesVersion());
        boolean all = p.bool("all-namespaces", false);
        String ns = p.namespace();
        String type = p.args().get(0);
        if (PodConsole.isPodType(type)) {
            return f.pods().get(p, ns, all, format);
        }
        if (PodConsole.isNodeType(type)) {
            return f.pods().getNodes(p, format, f.serverVersion());
        }
        String policyKind = PolicyObjects.kindOf(type);
        if (policyKind != null) {
            return new PolicyObjects(f.api()).get(policyKind, PodConsole.names(p.args()), format,
                    p.bool("no-headers", false));
        }
        LabelSelector selector = ResourceArgs.selector(p);
        List<Target> targets = ResourceArgs.targets(p.args());
        ApiServer api = f.api();
        StringBuilder err = new StringBuilder();
        List<List<KubeObject>> groups = new ArrayList<>();
        for (Target t : targets) {
            List<KubeObject> objs = new ArrayList<>();
            if (t.names().isEmpty()) {
                objs.addAll(ResourceArgs.list(api, t.kind(), ns, all, selector));
                String fieldSelector = p.string("field-selector", null);
                if (fieldSelector != null && !fieldSelector.isEmpty()) {
                    try {
                        objs = FieldSelector.parse(fieldSelector).filter(t.kind(), objs);
                    } catch (FieldSelector.FieldSelectorException e) {
                        err.append("Error from server (BadRequest): Unable to find \"").append(FieldSelector.gvr(t.kind()))
                                .append("\" that match label selector \"").append(p.string("selector", ""))
                                .append("\", field selector \"").append(fieldSelector).append("\": ")
                                .append(e.getMessage()).append('\n');
                        groups.add(List.of());
                        continue;
                    }
                }
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
        String sortBy = p.string("sort-by", null);
        if (sortBy != null && !sortBy.isEmpty()) {
            for (int i = 0; i < groups.size(); i++) {
                groups.set(i, SortBy.sort(sortBy, groups.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        if (format.kind() == Output.Kind.CUSTOM_COLUMNS) {
            List<Map<String, Object>> docs = new ArrayList<>();
            groups.forEach(g -> g.forEach(o -> docs.add(Printers.encode(o))));
            if (!docs.isEmpty()) {
                out.append(CustomColumns.parse(format.argument()).print(docs, p.bool("no-headers", false)));
            } else if (err.length() == 0) {
                err.append(ResourceArgs.noResourcesFound(targets, ns, all));
            }
        } else if (format.kind() == Output.Kind.TABLE) {
            printTables(out, targets, groups, all, format);
            int total = groups.stream().mapToInt(List::size).sum();
            if (total == 0 && err.length() == 0) {
                err.append(ResourceArgs.noResourcesFound(targets, ns, all));
            }
        } else {
            boolean singleItem = targets.size() == 1 && targets.get(0).names().size() == 1;
            printObjects(out, groups, singleItem, format);
        }
        boolean failed = err.length() > 0 && !err.toString().startsWith("No resources found");
        return new Result(out.toString(), err.toString(), failed ? 1 : 0);
    }

    /** One table per kind that has objects; a blank line between them unless headers are off. */
    private void printTables(StringBuilder out, List<Target> targets, List<List<KubeObject>> groups, boolean all,
            Output format) {
        Parsed p = flags;
        boolean withKind = p.bool("show-kind", false) || targets.size() > 1;
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
            out.append(Printers.table(targets.get(i).kind(), objs, o, f.api().now(), p.strings("label-columns")));
        }
    }

    /** Names, or one document: the object itself when one was asked for by name, else a List. */
    private static void printObjects(StringBuilder out, List<List<KubeObject>> groups, boolean singleItem,
            Output format) {
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
}
