package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.LabelSelector;
import dev.cidrstudio.model.cluster.ApiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl wait --for=delete|create|condition=NAME[=VALUE]|jsonpath=EXPR[=VALUE] TYPE/NAME...}: the condition
 * is read as {@code conditionFuncFor} reads it, and each object is checked on the simulated clock, one second at a
 * time, until it holds or {@code --timeout} (30 s) has passed.
 */
public final class WaitOptions implements Command {

    /** A condition of {@code --for}: true when the object (empty: gone) meets it. */
    private interface Condition {
        boolean met(Optional<Map<String, Object>> object);
    }

    private final Factory f;
    private Parsed flags;
    private Output format;
    private String forCondition;
    private Condition condition;
    private Duration timeout;

    public WaitOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = KubectlFlags.common().add("for", null, Type.STRING, "").add("timeout", null, Type.DURATION, "30s")
                .add("selector", "l", Type.STRING, null).add("field-selector", null, Type.STRING, null)
                .add("all", null, Type.BOOL, "false").add("all-namespaces", "A", Type.BOOL, "false")
                .add("filename", "f", Type.STRINGS, null).add("recursive", "R", Type.BOOL, "false")
                .add("local", null, Type.BOOL, "false").add("output", "o", Type.STRING, "")
                .add("template", null, Type.STRING, null).add("allow-missing-template-keys", null, Type.BOOL, "true")
                .add("show-managed-fields", null, Type.BOOL, "false").parse(args);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
        forCondition = flags.string("for", "");
        condition = conditionFuncFor(forCondition);
        Duration t = GoDuration.parse(flags.string("timeout", "30s"));
        timeout = t.isNegative() ? Duration.ofHours(168) : t;
    }

    /** {@code conditionFuncFor}. */
    private static Condition conditionFuncFor(String text) throws UsageException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("delete")) {
            return Optional::isEmpty;
        }
        if (lower.equals("create")) {
            return Optional::isPresent;
        }
        if (text.startsWith("condition=")) {
            String name = text.substring("condition=".length());
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String conditionName = name;
            String conditionValue = value;
            return o -> o.isPresent() && conditionMet(o.get(), conditionName, conditionValue);
        }
        if (text.startsWith("jsonpath=")) {
            String input = text.substring("jsonpath=".length()).strip();
            if (input.isEmpty()) {
                throw new UsageException("error: jsonpath expression cannot be empty");
            }
            String[] parts = input.split("=", -1);
            if (parts.length > 2) {
                throw new UsageException("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'"
                        + "=3 or --for=jsonpath='{.status.readyReplicas}'");
            }
            String expr = parts[0];
            String value = parts.length == 2 ? parts[1].strip() : null;
            JsonPathTemplate template;
            try {
                template = JsonPathTemplate.parse(expr.startsWith("{") ? expr : "{" + expr + "}");
            } catch (JsonPathTemplate.TemplateException e) {
                throw new UsageException("error: " + e.getMessage());
            }
            return o -> {
                if (o.isEmpty()) {
                    return false;
                }
                String got = template.execute(o.get());
                return value == null ? !got.isEmpty() : value.equals(got);
            };
        }
        throw new UsageException("error: unrecognized condition: " + GoQuote.of(text));
    }

    /** {@code ConditionalWait.checkCondition}: a status condition of that type (any case) with that status. */
    private static boolean conditionMet(Map<String, Object> obj, String name, String value) {
        if (!(obj.get("status") instanceof Map<?, ?> status) || !(status.get("conditions") instanceof List<?> cs)) {
            return false;
        }
        for (Object c : cs) {
            if (c instanceof Map<?, ?> m && name.equalsIgnoreCase(String.valueOf(m.get("type")))
                    && value.equalsIgnoreCase(String.valueOf(m.get("status")))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Result run() throws UsageException {
        if (flags.args().isEmpty() && flags.raw("filename").isEmpty()) {
            throw new UsageException(ExposeOptions.NO_RESOURCES);
        }
        if (!flags.raw("filename").isEmpty()) {
            throw new UsageException("error: the practice console waits for objects named by argument only: give "
                    + "TYPE/NAME instead of -f");
        }
        boolean deleting = forCondition.equalsIgnoreCase("delete");
        ApiServer api = f.api();
        String ns = flags.namespace();
        List<Watched> watched = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        if (PodConsole.isPodType(flags.args().get(0))) {
            for (String name : PodConsole.names(flags.args())) {
                boolean present = f.pods().podContent(ns, name).isPresent();
                if (!present && deleting) {
                    continue;
                }
                if (!present && !forCondition.equalsIgnoreCase("create")) {
                    err.append("Error from server (NotFound): pods \"").append(name).append("\" not found\n");
                    continue;
                }
                watched.add(new Watched("pod", "pods", () -> f.pods().podContent(ns, name), name));
            }
        } else {
            LabelSelector selector = ResourceArgs.selector(flags);
            boolean all = flags.bool("all-namespaces", false);
            for (Target t : ResourceArgs.targets(flags.args())) {
                List<String> names = new ArrayList<>(t.names());
                if (names.isEmpty()) {
                    if (flags.string("selector", null) == null && !flags.bool("all", false)) {
                        throw new UsageException("error: resource(s) were provided, but no name was specified");
                    }
                    ResourceArgs.list(api, t.kind(), ns, all, selector).forEach(o -> names.add(o.name()));
                }
                for (String name : names) {
                    Kind k = t.kind();
                    String where = k.namespaced() ? ns : null;
                    if (api.find(k, where, name).isEmpty() && deleting) {
                        continue; // the visitor ignores NotFound when waiting for deletion
                    }
                    if (api.find(k, where, name).isEmpty() && !forCondition.equalsIgnoreCase("create")) {
                        err.append("Error from server (NotFound): ").append(k.plural()).append(" \"").append(name)
                                .append("\" not found\n");
                        continue;
                    }
                    watched.add(new Watched(ResourceTypes.prefix(k), k.plural(),
                            () -> api.<KubeObject>find(k, where, name).map(Printers::encode), name));
                }
            }
        }
        if (watched.isEmpty() && err.length() == 0 && !deleting) {
            return Result.error("error: no matching resources found", 1);
        }
        StringBuilder out = new StringBuilder();
        Duration waited = Duration.ZERO;
        Duration step = Duration.ofSeconds(1);
        for (Watched w : watched) {
            while (!condition.met(w.read().get()) && waited.compareTo(timeout) < 0) {
                api.advanceClock(step);
                waited = waited.plus(step);
            }
            if (!condition.met(w.read().get())) {
                err.append("error: timed out waiting for the condition on ").append(w.resource()).append('/')
                        .append(w.name()).append('\n');
                return new Result(out.toString(), err.toString(), 1);
            }
            out.append(format.isDefault() || format.kind() == Output.Kind.NAME
                    ? w.prefix() + "/" + w.name() + (format.isDefault() ? " condition met" : "") + "\n"
                    : w.read().get().map(format::render).orElse(""));
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** An object waited for: how kubectl names it, and how to read it now. */
    private record Watched(String prefix, String resource, java.util.function.Supplier<Optional<Map<String, Object>>>
            read, String name) {
    }

    /** Go's {@code %q} for the plain text a flag holds. */
    private static final class GoQuote {
        static String of(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
