package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code kubectl run NAME --image=IMAGE [--expose --port=PORT] [-- ARGS]}: the Pod of kubectl's run generator
 * ({@code BasicPod}), checked in the order {@code RunOptions.Run} checks; with {@code --dry-run=client} it is printed,
 * otherwise the simulation starts it (and runs its command when it knows it). {@code --expose} adds the Service of
 * the {@code ServiceV2} generator, printed before the Pod.
 */
public final class RunOptions implements Command {

    /** The docker reference grammar's {@code ReferenceRegexp}: a name, an optional tag, an optional digest. */
    private static final Pattern REFERENCE;

    static {
        String alnum = "[a-z0-9]+";
        String separator = "(?:[._]|__|[-]+)";
        String component = alnum + "(?:" + separator + alnum + ")*";
        String domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
        String ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
        String domainName = domainComponent + "(?:\\." + domainComponent + ")*";
        String domain = "(?:" + domainName + "|" + ipv6 + ")(?::[0-9]+)?";
        String path = component + "(?:/" + component + ")*";
        String name = "(?:" + domain + "/)?" + path;
        String tag = "[\\w][\\w.-]{0,127}";
        String digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
        REFERENCE = Pattern.compile("^(" + name + ")(?::(" + tag + "))?(?:@(" + digest + "))?$");
    }

    /** Validation's {@code IsEnvVarName}. */
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    static final String HELP = "See 'kubectl run -h' for help and examples";

    private final Factory f;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;

    public RunOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = DryRun.addFlag(new KubectlFlags("run").add("namespace", "n", Type.STRING, null))
                .add("output", "o", Type.STRING, "").add("template", null, Type.STRING, null)
                .add("allow-missing-template-keys", null, Type.BOOL, "true")
                .add("show-managed-fields", null, Type.BOOL, "false").add("save-config", null, Type.BOOL, "false")
                .add("field-manager", null, Type.STRING, "kubectl-run").add("overrides", null, Type.STRING, "")
                .add("image", null, Type.STRING, null)
                .add("restart", null, Type.STRING, "Always").add("command", null, Type.BOOL, "false")
                .add("port", null, Type.STRING, "").add("labels", "l", Type.STRING, "")
                .add("env", null, Type.STRINGS, null).add("annotations", null, Type.STRINGS, null)
                .add("image-pull-policy", null, Type.STRING, "").add("expose", null, Type.BOOL, "false")
                .add("rm", null, Type.BOOL, "false").add("stdin", "i", Type.BOOL, "false")
                .add("tty", "t", Type.BOOL, "false").add("attach", null, Type.BOOL, "false")
                .add("quiet", "q", Type.BOOL, "false").add("leave-stdin-open", null, Type.BOOL, "false")
                .add("privileged", null, Type.BOOL, "false").add("pod-running-timeout", null, Type.STRING, "1m0s")
                .parse(args);
        if (!flags.has("image")) {
            throw new UsageException("error: required flag(s) \"image\" not set");
        }
        dryRun = DryRun.of(flags, f);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
    }

    /** {@code RunOptions.Run}'s checks, in its order, before anything is generated. */
    @Override
    public void validate() throws UsageException {
        if (flags.args().isEmpty() || flags.argsLenAtDash() == 0) {
            throw new UsageException("error: NAME is required for run\n" + HELP);
        }
        String image = flags.string("image", "");
        if (image.isEmpty()) {
            throw new UsageException("error: --image is required");
        }
        if (!REFERENCE.matcher(image).matches()) {
            throw new UsageException("error: Invalid image name \"" + image + "\": invalid reference format");
        }
        boolean tty = flags.bool("tty", false);
        boolean stdin = flags.bool("stdin", false);
        if (tty && !stdin) {
            throw new UsageException("error: -i/--stdin is required for containers with -t/--tty=true\n" + HELP);
        }
        if (flags.bool("expose", false) && flags.string("port", "").isEmpty()) {
            throw new UsageException("error: --port must be set when exposing a service\n" + HELP);
        }
        String restart = flags.string("restart", "Always");
        if (!restart.isEmpty() && !List.of("Always", "OnFailure", "Never").contains(restart)) {
            throw new UsageException("error: invalid restart policy: " + restart + "\n" + HELP);
        }
        boolean attach = flags.bool("attach", false) || stdin;
        if (!attach && flags.bool("rm", false)) {
            throw new UsageException("error: --rm should only be used for attached containers\n" + HELP);
        }
        if (attach && dryRun != DryRun.NONE) {
            throw new UsageException("error: --dry-run=[server|client] can't be used with attached containers "
                    + "options (--attach, --stdin, or --tty)\n" + HELP);
        }
        if (attach) {
            throw new UsageException("error: the practice console cannot attach to a container: leave out "
                    + "--attach, -i and -t");
        }
        String pull = flags.string("image-pull-policy", "");
        if (!pull.isEmpty() && !List.of("Always", "IfNotPresent", "Never").contains(pull)) {
            throw new UsageException("error: invalid image pull policy: " + pull + "\n" + HELP);
        }
    }

    @Override
    public Result run() throws UsageException {
        String name = flags.args().get(0);
        KubeVersion client = f.api().settings().kubernetesVersion();
        Map<String, Object> pod = pod(name, client);
        Map<String, Object> service = flags.bool("expose", false) ? service(name, client) : null;
        if (dryRun == DryRun.CLIENT) {
            StringBuilder out = new StringBuilder();
            if (service != null) {
                out.append(print(service)).append(format.kind() == Output.Kind.YAML ? "---\n---\n" : "");
            }
            return Result.ok(out.append(print(pod)).toString());
        }
        return send(name, pod, service);
    }

    /** What the console does with what kubectl would send: the Service is created, then the Pod is started. */
    private Result send(String name, Map<String, Object> pod, Map<String, Object> service)
            throws UsageException {
        StringBuilder out = new StringBuilder();
        StringBuilder warnings = new StringBuilder();
        if (service != null) {
            try {
                KubeObject created = CreateOptions.admitted(f, ManifestFiles.inNamespace(decode(service),
                        flags.namespace()), dryRun, warnings);
                out.append(format.isDefault() ? "service/" + created.name() + " created" + dryRun.suffix() + "\n"
                        : format.renderObject(created));
            } catch (ApiException e) {
                return new Result(out.toString(), warnings + KubectlErrors.forStatus(e.status(), "creating", null),
                        1);
            } catch (ManifestException e) {
                return Result.error("error: " + e.problems().get(0).message(), 1);
            }
        }
        if (dryRun == DryRun.SERVER) {
            Result checked = f.api().dryRun(() -> f.pods().create(pod, flags.namespace(), false, null));
            if (checked.exitCode() != 0) {
                return new Result(out + checked.stdout(), warnings + checked.stderr(), checked.exitCode());
            }
            out.append(format.isDefault() ? "pod/" + name + " created" + dryRun.suffix() + "\n" : print(pod));
            return new Result(out.toString(), warnings + checked.stderr(), 0);
        }
        Result started = f.pods().create(pod, flags.namespace(), false, null);
        String shown = started.stdout();
        if (started.exitCode() == 0 && !format.isDefault()) {
            shown = format.kind() == Output.Kind.NAME ? "pod/" + name + "\n"
                    : f.pods().podContent(flags.namespace(), name).map(format::render).orElse(shown);
        }
        return new Result(out + shown, warnings + started.stderr(), started.exitCode());
    }

    private String print(Map<String, Object> doc) {
        return format.isDefault() ? String.valueOf(doc.get("kind")).toLowerCase(java.util.Locale.ROOT) + "/"
                + meta(doc).get("name") + " created" + dryRun.suffix() + "\n" : format.renderTyped(doc);
    }

    private static KubeObject decode(Map<String, Object> doc) throws ManifestException {
        List<Decoded> docs = ManifestDecoder.decodeAll("run", GoJson.compact(doc));
        if (docs.size() == 1 && docs.get(0) instanceof Decoded.Object o) {
            return o.object();
        }
        throw new IllegalStateException("the run generator built no Service");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("metadata");
    }

    /** {@code BasicPod.Generate}, in the Go structs' field order. */
    private Map<String, Object> pod(String name, KubeVersion client) throws UsageException {
        List<String> args = flags.args().subList(1, flags.args().size());
        List<Object> env = envs(flags.raw("env"));
        Map<String, Object> annotations = annotations(flags.raw("annotations"));
        Map<String, Object> labels = labels(flags.string("labels", ""), name);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (flags.has("namespace")) {
            meta.put("namespace", flags.namespace());
        }
        if (client.printsNullCreationTimestamp()) {
            meta.put("creationTimestamp", null);
        }
        meta.put("labels", labels);
        if (!annotations.isEmpty()) {
            meta.put("annotations", annotations);
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", name);
        container.put("image", flags.string("image", ""));
        if (!args.isEmpty()) {
            container.put(flags.bool("command", false) ? "command" : "args", new ArrayList<Object>(args));
        }
        String port = flags.string("port", "");
        if (!port.isEmpty()) {
            container.put("ports", List.of(Map.of("containerPort", atoi(port))));
        }
        if (!env.isEmpty()) {
            container.put("env", env);
        }
        container.put("resources", new LinkedHashMap<>());
        String pull = flags.string("image-pull-policy", "");
        if (!pull.isEmpty()) {
            container.put("imagePullPolicy", pull);
        }
        if (flags.bool("privileged", false)) {
            container.put("securityContext", Map.of("privileged", true));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("containers", List.of(container));
        String restart = flags.string("restart", "Always");
        spec.put("restartPolicy", restart.isEmpty() ? "Always" : restart);
        spec.put("dnsPolicy", "ClusterFirst");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "Pod");
        doc.put("apiVersion", "v1");
        doc.put("metadata", meta);
        doc.put("spec", spec);
        doc.put("status", new LinkedHashMap<>());
        return doc;
    }

    /**
     * {@code ServiceGeneratorV2.Generate} with what {@code run} hands it: its name, {@code --port} as the port and the
     * target port, the Pod's labels as selector (and as the Service's labels when {@code --labels} was given).
     */
    private Map<String, Object> service(String name, KubeVersion client) throws UsageException {
        String given = flags.string("labels", "");
        Map<String, Object> selector = labels(given.isEmpty() ? "run=" + name : given, name);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", name);
        if (flags.has("namespace")) {
            meta.put("namespace", flags.namespace());
        }
        if (client.printsNullCreationTimestamp()) {
            meta.put("creationTimestamp", null);
        }
        if (!given.isEmpty()) {
            meta.put("labels", labels(given, name));
        }
        List<Object> ports = new ArrayList<>();
        String[] numbers = flags.string("port", "").split(",");
        for (int i = 0; i < numbers.length; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (numbers.length > 1) {
                p.put("name", "port-" + (i + 1));
            }
            p.put("protocol", "TCP");
            int n = atoi(numbers[i]);
            p.put("port", n);
            p.put("targetPort", n);
            ports.add(p);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ports", ports);
        spec.put("selector", selector);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "Service");
        doc.put("apiVersion", "v1");
        doc.put("metadata", meta);
        doc.put("spec", spec);
        doc.put("status", new LinkedHashMap<>(Map.of("loadBalancer", new LinkedHashMap<>())));
        return doc;
    }

    /** Go's {@code strconv.Atoi}, with its error as kubectl prints it. */
    private static int atoi(String s) throws UsageException {
        try {
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            boolean digits = s.matches("[+-]?[0-9]+");
            throw new UsageException("error: strconv.Atoi: parsing \"" + s + "\": "
                    + (digits ? "value out of range" : "invalid syntax"));
        }
    }

    /** The generator's {@code ParseLabels}: comma-separated KEY=VALUE pairs, or {@code run=NAME}. */
    private static Map<String, Object> labels(String spec, String name) throws UsageException {
        Map<String, Object> labels = new TreeMap<>();
        if (spec.isEmpty()) {
            labels.put("run", name);
            return labels;
        }
        for (String pair : spec.split(",", -1)) {
            String[] kv = pair.split("=", -1);
            if (kv.length != 2) {
                throw new UsageException("error: unexpected label spec: " + pair);
            }
            if (kv[0].isEmpty()) {
                throw new UsageException("error: unexpected empty label key");
            }
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }

    /** {@code parseEnvs}: NAME=VALUE with a valid environment variable name. */
    private static List<Object> envs(List<String> given) throws UsageException {
        List<Object> out = new ArrayList<>();
        for (String env : given) {
            int eq = env.indexOf('=');
            if (eq <= 0 || !ENV_VAR_NAME.matcher(env.substring(0, eq)).matches()) {
                throw new UsageException("error: invalid env: " + env);
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", env.substring(0, eq));
            if (eq + 1 < env.length()) {
                e.put("value", env.substring(eq + 1));
            }
            out.add(e);
        }
        return out;
    }

    /** {@code ParsePairs(annotations, "annotations", false)}. */
    private static Map<String, Object> annotations(List<String> given) throws UsageException {
        Map<String, Object> out = new TreeMap<>();
        List<String> invalid = new ArrayList<>();
        for (String pair : given) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                invalid.add(pair);
            } else {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        if (!invalid.isEmpty()) {
            throw new UsageException("error: invalid annotations format: " + String.join(", ", invalid));
        }
        return out;
    }
}
