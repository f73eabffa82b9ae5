package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlLimits;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trainer's exercise file ({@code kind: TrainingScenario}): the practice cluster it starts from, commands that set
 * it up, files the learner's commands may read, and the steps with their checks and hints. Every mistake is reported
 * at its line and field, all of them at once.
 */
public final class TrainingDocuments {

    public static final String KIND = "TrainingScenario";
    /** Exercise files are small; this keeps a hostile file from taking the window down. */
    static final YamlLimits LIMITS = new YamlLimits(1024L * 1024, 32, 0, 1);

    /** How a check compares a command's output. */
    public enum Match { EXACT, CONTAINS, REGEX }

    /** A check as written: {@code typed} checks have a pattern the learner's commands must match. */
    public record CheckSpec(String description, String command, Match match, String pattern, boolean typed) {
    }

    public record StepSpec(String title, String explanation, List<String> commands, String expected,
            List<CheckSpec> checks, List<String> hints) {
    }

    public record Spec(String name, String title, String summary, ClusterSettings cluster, String setup,
            Map<String, String> files, List<StepSpec> steps) {
    }

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> SPEC = Set.of("title", "summary", "cluster", "setup", "files", "steps");
    private static final Set<String> STEP = Set.of("title", "explanation", "commands", "expected", "checks",
            "hints");
    private static final Set<String> CHECK = Set.of("description", "command", "expected", "contains", "matches",
            "typed");

    private TrainingDocuments() {
    }

    /** Reads one exercise file. */
    public static Spec read(String source, String text) throws ManifestException {
        List<YamlReader.Document> docs;
        try {
            docs = new YamlReader(LIMITS).read(source, text);
        } catch (YamlFormatException e) {
            throw new ManifestException(new Problem(source, e.mark(), "", e.problem(), null));
        }
        if (docs.isEmpty() || !(docs.get(0).root() instanceof PMap doc)) {
            throw new ManifestException(new Problem(source, docs.isEmpty() ? Mark.NONE : docs.get(0).start(), "",
                    "expected a mapping with kind: " + KIND, null));
        }
        Fields f = new Fields(source, "");
        f.knownKeys(doc, "", TOP);
        String apiVersion = f.str(doc, "apiVersion", "", "");
        if (!ClusterDocuments.API_VERSION.equals(apiVersion)) {
            f.problem(doc.keyMark("apiVersion"), "apiVersion", "expected " + ClusterDocuments.API_VERSION
                    + (apiVersion == null ? "" : ", got \"" + apiVersion + "\""), null);
        }
        String kind = f.str(doc, "kind", "", "");
        if (!KIND.equals(kind)) {
            f.problem(doc.keyMark("kind"), "kind", "expected " + KIND + (kind == null ? "" : ", got \"" + kind
                    + "\""), null);
        }
        String name = "exercise";
        PMap meta = f.map(doc, "metadata", "", "");
        if (meta != null) {
            f.knownKeys(meta, "metadata", Set.of("name"));
            String n = f.str(meta, "name", "metadata", "");
            if (n != null && !n.isBlank()) {
                name = n;
            }
        }
        PMap spec = f.map(doc, "spec", "", "");
        if (spec == null) {
            f.problem(doc.mark(), "spec", "required: the exercise's title and steps", null);
            f.flushUnknown();
            throw new ManifestException(f.problems);
        }
        f.knownKeys(spec, "spec", SPEC);
        String title = required(f, spec, "title", "spec");
        String summary = orEmpty(f.str(spec, "summary", "spec", ""));
        ClusterSettings cluster = ClusterSettings.defaults();
        PMap c = f.map(spec, "cluster", "spec", "");
        if (c != null) {
            try {
                cluster = ClusterDocuments.decodeSpec(source, c, "spec.cluster");
            } catch (ManifestException e) {
                f.problems.addAll(e.problems());
            }
        }
        String setup = orEmpty(f.str(spec, "setup", "spec", ""));
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> fm = f.strMap(spec, "files", "spec", "");
        if (fm != null) {
            files.putAll(fm);
        }
        List<StepSpec> steps = new ArrayList<>();
        PList sl = f.list(spec, "steps", "spec", "", "");
        if (sl == null || sl.items().isEmpty()) {
            f.problem(spec.keyMark("steps") == null ? spec.mark() : spec.keyMark("steps"), "spec.steps",
                    "required: at least one step", null);
        } else {
            for (int i = 0; i < sl.items().size(); i++) {
                String p = "spec.steps[" + i + "]";
                PNode item = sl.items().get(i);
                if (!(item instanceof PMap sm)) {
                    f.problem(item.mark(), p, "expected a mapping with title, explanation, commands and checks",
                            null);
                    continue;
                }
                steps.add(step(f, sm, p));
            }
        }
        f.flushUnknown();
        if (!f.problems.isEmpty()) {
            throw new ManifestException(f.problems);
        }
        return new Spec(name, title, summary, cluster, setup, files, steps);
    }

    private static StepSpec step(Fields f, PMap sm, String p) {
        f.knownKeys(sm, p, STEP);
        String title = required(f, sm, "title", p);
        String explanation = orEmpty(f.str(sm, "explanation", p, ""));
        List<String> commands = orEmpty(f.strList(sm, "commands", p, ""));
        String expected = orEmpty(f.str(sm, "expected", p, ""));
        List<String> hints = orEmpty(f.strList(sm, "hints", p, ""));
        List<CheckSpec> checks = new ArrayList<>();
        PList cl = f.list(sm, "checks", p, "", "");
        if (cl == null || cl.items().isEmpty()) {
            f.problem(sm.keyMark("checks") == null ? sm.mark() : sm.keyMark("checks"), p + ".checks",
                    "required: at least one check, so the learner knows when the step is done", null);
        } else {
            for (int j = 0; j < cl.items().size(); j++) {
                String cp = p + ".checks[" + j + "]";
                PNode item = cl.items().get(j);
                if (!(item instanceof PMap cm)) {
                    f.problem(item.mark(), cp, "expected a mapping like {description: ..., command: ..., "
                            + "expected: ...}", null);
                    continue;
                }
                CheckSpec cs = check(f, cm, cp);
                if (cs != null) {
                    checks.add(cs);
                }
            }
        }
        return new StepSpec(title, explanation, commands, expected, checks, hints);
    }

    private static CheckSpec check(Fields f, PMap cm, String cp) {
        f.knownKeys(cm, cp, CHECK);
        String description = required(f, cm, "description", cp);
        String command = f.str(cm, "command", cp, "");
        String typed = f.str(cm, "typed", cp, "");
        String expected = f.lenientStr(cm, "expected", cp);
        String contains = f.str(cm, "contains", cp, "");
        String matches = f.str(cm, "matches", cp, "");
        int given = (expected == null ? 0 : 1) + (contains == null ? 0 : 1) + (matches == null ? 0 : 1)
                + (typed == null ? 0 : 1);
        if (given != 1) {
            f.problem(cm.mark(), cp, "give exactly one of expected, contains, matches (with command) or typed", null);
            return null;
        }
        if (typed != null || matches != null) {
            String re = typed != null ? typed : matches;
            // Checked as the check runs it: RE2, Go's syntax (a look-ahead Java takes is refused here, at its line).
            try {
                com.google.re2j.Pattern.compile(re);
            } catch (com.google.re2j.PatternSyntaxException e) {
                String key = typed != null ? "typed" : "matches";
                f.problem(((PScalar) cm.get(key)).mark(), cp + "." + key, "not a valid regular expression: "
                        + e.getDescription(), null);
                return null;
            }
        }
        if (typed != null) {
            return new CheckSpec(description, command == null ? typed : command, Match.REGEX, typed, true);
        }
        if (command == null || command.isBlank()) {
            f.problem(cm.mark(), cp + ".command", "required: the command whose output is checked", null);
            return null;
        }
        if (expected != null) {
            return new CheckSpec(description, command, Match.EXACT, expected.replaceAll("\n+$", ""), false);
        }
        return contains != null ? new CheckSpec(description, command, Match.CONTAINS, contains, false)
                : new CheckSpec(description, command, Match.REGEX, matches, false);
    }

    private static String required(Fields f, PMap m, String key, String path) {
        String v = f.str(m, key, path, "");
        if (v == null || v.isBlank()) {
            if (!(m.get(key) != null && !Fields.absent(m.get(key)))) {
                f.problem(m.keyMark(key) == null ? m.mark() : m.keyMark(key), Fields.join(path, key), "required",
                        null);
            }
            return "";
        }
        return v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
