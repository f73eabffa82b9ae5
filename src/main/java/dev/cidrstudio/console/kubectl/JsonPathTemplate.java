package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.io.manifest.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kubectl's {@code -o jsonpath=TEMPLATE} (client-go jsonpath) with missing keys allowed: text with {@code {...}}
 * actions holding field paths ({@code .a.b}, {@code ['a']}, {@code [0]}, {@code [-1]}, {@code [*]},
 * {@code [1:3]}, {@code ..name}, {@code [?(@.k=="v")]}), {@code range}/{@code end}, and string literals.
 */
public final class JsonPathTemplate {

    private sealed interface Node permits Text, Action, Range {
    }

    private record Text(String text) implements Node {
    }

    private record Action(List<Step> path, String literal) implements Node {
    }

    private record Range(List<Step> path, List<Node> body) implements Node {
    }

    private record Step(String kind, String name, int a, int b, String filterKey, String filterOp,
            String filterValue) {
    }

    /** A template that cannot be parsed, with client-go's wording. */
    public static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    private final List<Node> nodes;

    private JsonPathTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    public static JsonPathTemplate parse(String template) throws TemplateException {
        List<String> tokens = new ArrayList<>();
        List<Boolean> isAction = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int depth = 0;
                int j = i;
                boolean inQuote = false;
                for (; j < template.length(); j++) {
                    char d = template.charAt(j);
                    if (d == '"' && (j == 0 || template.charAt(j - 1) != '\\')) {
                        inQuote = !inQuote;
                    }
                    if (inQuote) {
                        continue;
                    }
                    if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        depth--;
                        if (depth == 0) {
                            break;
                        }
                    }
                }
                if (j >= template.length()) {
                    throw new TemplateException("unclosed action");
                }
                if (text.length() > 0) {
                    tokens.add(text.toString());
                    isAction.add(false);
                    text.setLength(0);
                }
                tokens.add(template.substring(i + 1, j).trim());
                isAction.add(true);
                i = j + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) {
            tokens.add(text.toString());
            isAction.add(false);
        }
        int[] pos = {0};
        List<Node> nodes = parseNodes(tokens, isAction, pos, false);
        return new JsonPathTemplate(nodes);
    }

    private static List<Node> parseNodes(List<String> tokens, List<Boolean> isAction, int[] pos, boolean inRange)
            throws TemplateException {
        List<Node> out = new ArrayList<>();
        while (pos[0] < tokens.size()) {
            String t = tokens.get(pos[0]);
            boolean action = isAction.get(pos[0]);
            pos[0]++;
            if (!action) {
                out.add(new Text(t));
                continue;
            }
            if (t.equals("end")) {
                if (!inRange) {
                    throw new TemplateException("not in range, nothing to end");
                }
                return out;
            }
            if (t.startsWith("range ")) {
                List<Step> path = parsePath(t.substring(6).trim());
                List<Node> body = parseNodes(tokens, isAction, pos, true);
                out.add(new Range(path, body));
                continue;
            }
            if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
                out.add(new Action(null, unescape(t.substring(1, t.length() - 1))));
                continue;
            }
            out.add(new Action(parsePath(t), null));
        }
        if (inRange) {
            throw new TemplateException("unexpected EOF in range");
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static List<Step> parsePath(String p) throws TemplateException {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        if (p.startsWith("$")) {
            i = 1;
        } else if (p.startsWith("@")) {
            i = 1;
        }
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '.') {
                    int j = i + 2;
                    while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
                        j++;
                    }
                    steps.add(new Step("recursive", p.substring(i + 2, j), 0, 0, null, null, null));
                    i = j;
                    continue;
                }
                int j = i + 1;
                while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
                    j++;
                }
                String name = p.substring(i + 1, j);
                if (!name.isEmpty()) {
                    steps.add(new Step("field", name, 0, 0, null, null, null));
                }
                i = j;
            } else if (c == '[') {
                int j = p.indexOf(']', i);
                if (j < 0) {
                    throw new TemplateException("unterminated array");
                }
                String inner = p.substring(i + 1, j).trim();
                if (inner.startsWith("?(")) {
                    j = p.indexOf(")]", i);
                    if (j < 0) {
                        throw new TemplateException("unterminated filter");
                    }
                    String expr = p.substring(i + 3, j).trim();
                    java.util.regex.Matcher m = java.util.regex.Pattern
                            .compile("@\\.([A-Za-z0-9_.-]+)\\s*(==|!=)\\s*[\"']?([^\"']*)[\"']?").matcher(expr);
                    if (!m.matches()) {
                        throw new TemplateException("unsupported filter: " + expr);
                    }
                    steps.add(new Step("filter", null, 0, 0, m.group(1), m.group(2), m.group(3)));
                    i = j + 2;
                    continue;
                }
                if (inner.equals("*")) {
                    steps.add(new Step("wildcard", null, 0, 0, null, null, null));
                } else if ((inner.startsWith("'") && inner.endsWith("'"))
                        || (inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(new Step("field", inner.substring(1, inner.length() - 1), 0, 0, null, null, null));
                } else if (inner.contains(":")) {
                    String[] ab = inner.split(":", -1);
                    int a = ab[0].isBlank() ? 0 : Integer.parseInt(ab[0].trim());
                    int b = ab[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(ab[1].trim());
                    steps.add(new Step("slice", null, a, b, null, null, null));
                } else {
                    try {
                        steps.add(new Step("index", null, Integer.parseInt(inner), 0, null, null, null));
                    } catch (NumberFormatException e) {
                        throw new TemplateException("invalid array index " + inner);
                    }
                }
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < p.length() && p.charAt(j) != '.' && p.charAt(j) != '[') {
                    j++;
                }
                steps.add(new Step("field", p.substring(i, j), 0, 0, null, null, null));
                i = j;
            } else {
                throw new TemplateException("unrecognized character in action: " + c);
            }
        }
        return steps;
    }

    /** Evaluates against a plain JSON value (maps, lists, strings, numbers). */
    public String execute(Object root) {
        StringBuilder out = new StringBuilder();
        run(nodes, root, root, out);
        return out.toString();
    }

    /**
     * {@code -o jsonpath-as-json}: each result set the template yields (one per expression and text, one per
     * expression of each range item) is printed as a JSON array, indented by four spaces, as
     * {@code JSONPath.PrintResults} does with {@code EnableJSONOutput}.
     */
    public String executeAsJson(Object root) {
        List<List<Object>> groups = new ArrayList<>();
        collect(nodes, root, groups);
        StringBuilder out = new StringBuilder();
        for (List<Object> g : groups) {
            out.append(GoJson.indent(g));
        }
        return out.toString();
    }

    /** The result sets the template yields, as {@link #executeAsJson} prints them (for custom columns). */
    public List<List<Object>> resultSets(Object root) {
        List<List<Object>> groups = new ArrayList<>();
        collect(nodes, root, groups);
        return groups;
    }

    private void collect(List<Node> body, Object current, List<List<Object>> groups) {
        for (Node n : body) {
            if (n instanceof Text t) {
                groups.add(List.of(t.text()));
            } else if (n instanceof Action a) {
                groups.add(a.literal() != null ? List.of(a.literal()) : eval(a.path(), current));
            } else if (n instanceof Range r) {
                for (Object item : eval(r.path(), current)) {
                    if (item instanceof List<?> l) {
                        for (Object x : l) {
                            collect(r.body(), x, groups);
                        }
                    } else {
                        collect(r.body(), item, groups);
                    }
                }
            }
        }
    }

    private void run(List<Node> body, Object root, Object current, StringBuilder out) {
        for (Node n : body) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                if (a.literal() != null) {
                    out.append(a.literal());
                    continue;
                }
                List<Object> results = eval(a.path(), current);
                for (int i = 0; i < results.size(); i++) {
                    Object r = results.get(i);
                    if (r instanceof Map || r instanceof List) {
                        out.append(GoJson.compact(r));
                    } else {
                        out.append(r == null ? "<nil>" : r.toString());
                    }
                    if (i != results.size() - 1) {
                        out.append(' ');
                    }
                }
            } else if (n instanceof Range r) {
                for (Object item : eval(r.path(), current)) {
                    if (item instanceof List<?> l) {
                        for (Object x : l) {
                            run(r.body(), root, x, out);
                        }
                    } else {
                        run(r.body(), root, item, out);
                    }
                }
            }
        }
    }

    private static List<Object> eval(List<Step> path, Object current) {
        List<Object> values = new ArrayList<>();
        values.add(current);
        for (Step s : path) {
            List<Object> next = new ArrayList<>();
            for (Object v : values) {
                apply(s, v, next);
            }
            values = next;
        }
        return values;
    }

    private static void apply(Step s, Object v, List<Object> next) {
        switch (s.kind()) {
            case "field" -> {
                if (v instanceof Map<?, ?> m && m.containsKey(s.name())) {
                    next.add(m.get(s.name()));
                }
            }
            case "recursive" -> recurse(s.name(), v, next);
            case "wildcard" -> {
                if (v instanceof List<?> l) {
                    next.addAll(l);
                } else if (v instanceof Map<?, ?> m) {
                    next.addAll(m.values());
                }
            }
            case "index" -> {
                if (v instanceof List<?> l) {
                    int idx = s.a() < 0 ? l.size() + s.a() : s.a();
                    if (idx >= 0 && idx < l.size()) {
                        next.add(l.get(idx));
                    }
                }
            }
            case "slice" -> {
                if (v instanceof List<?> l) {
                    int a = Math.max(0, s.a() < 0 ? l.size() + s.a() : s.a());
                    int b = Math.min(l.size(), s.b() < 0 ? l.size() + s.b() : s.b());
                    for (int i = a; i < b; i++) {
                        next.add(l.get(i));
                    }
                }
            }
            case "filter" -> {
                if (v instanceof List<?> l) {
                    for (Object item : l) {
                        Object field = item;
                        for (String part : s.filterKey().split("\\.")) {
                            field = field instanceof Map<?, ?> m ? m.get(part) : null;
                        }
                        boolean eq = field != null && field.toString().equals(s.filterValue());
                        if (eq == "==".equals(s.filterOp())) {
                            next.add(item);
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private static void recurse(String name, Object v, List<Object> next) {
        if (v instanceof Map<?, ?> m) {
            if (m.containsKey(name)) {
                next.add(m.get(name));
            }
            for (Object child : m.values()) {
                recurse(name, child, next);
            }
        } else if (v instanceof List<?> l) {
            for (Object child : l) {
                recurse(name, child, next);
            }
        }
    }
}
