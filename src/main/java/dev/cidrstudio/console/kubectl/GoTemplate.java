package dev.cidrstudio.console.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of Go's text/template that kubectl docs pages use with {@code -o go-template}: literal text,
 * {@code {{.field.path}}}, {@code {{.}}}, {@code {{range PATH}}...{{end}}} and {@code {{printf "FORMAT" ARGS...}}} with
 * {@code %s}, {@code %d}, {@code %v} and {@code \n}. Anything else is a parse error naming the action.
 */
final class GoTemplate {

    static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    private sealed interface Node permits Text, Field, Printf, Range {
    }

    private record Text(String text) implements Node {
    }

    private record Field(String path) implements Node {
    }

    private record Printf(String format, List<String> args) implements Node {
    }

    private record Range(String path, List<Node> body) implements Node {
    }

    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    static GoTemplate parse(String template) throws TemplateException {
        List<List<Node>> stack = new ArrayList<>();
        List<String> rangePaths = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                current.add(new Text(template.substring(i)));
                break;
            }
            if (open > i) {
                current.add(new Text(template.substring(i, open)));
            }
            int close = template.indexOf("}}", open);
            if (close < 0) {
                throw new TemplateException("template: output:1: unclosed action");
            }
            String action = template.substring(open + 2, close).trim();
            i = close + 2;
            if (action.startsWith("range ")) {
                stack.add(current);
                rangePaths.add(action.substring(6).trim());
                current = new ArrayList<>();
            } else if (action.equals("end")) {
                if (stack.isEmpty()) {
                    throw new TemplateException("template: output:1: unexpected {{end}}");
                }
                Range r = new Range(rangePaths.remove(rangePaths.size() - 1), current);
                current = stack.remove(stack.size() - 1);
                current.add(r);
            } else if (action.startsWith("printf ")) {
                current.add(printf(action.substring(7).trim()));
            } else if (action.startsWith(".")) {
                current.add(new Field(action));
            } else {
                throw new TemplateException("template: output:1: the practice console knows only range, printf and "
                        + "field paths, not \"" + action + "\"");
            }
        }
        if (!stack.isEmpty()) {
            throw new TemplateException("template: output:1: unexpected EOF");
        }
        return new GoTemplate(current);
    }

    private static Printf printf(String rest) throws TemplateException {
        if (!rest.startsWith("\"")) {
            throw new TemplateException("template: output:1: printf needs a quoted format");
        }
        StringBuilder format = new StringBuilder();
        int i = 1;
        for (; i < rest.length() && rest.charAt(i) != '"'; i++) {
            char c = rest.charAt(i);
            if (c == '\\' && i + 1 < rest.length()) {
                char n = rest.charAt(++i);
                format.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                format.append(c);
            }
        }
        if (i >= rest.length()) {
            throw new TemplateException("template: output:1: unterminated quoted string");
        }
        List<String> args = new ArrayList<>();
        for (String a : rest.substring(i + 1).trim().split("\\s+")) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        return new Printf(format.toString(), args);
    }

    String execute(Object data) {
        StringBuilder out = new StringBuilder();
        run(nodes, data, out);
        return out.toString();
    }

    private static void run(List<Node> nodes, Object dot, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Field f) {
                out.append(show(resolve(dot, f.path())));
            } else if (n instanceof Printf p) {
                int arg = 0;
                String fmt = p.format();
                for (int i = 0; i < fmt.length(); i++) {
                    char c = fmt.charAt(i);
                    if (c == '%' && i + 1 < fmt.length()) {
                        char verb = fmt.charAt(++i);
                        if (verb == '%') {
                            out.append('%');
                        } else if (arg < p.args().size()) {
                            out.append(show(resolve(dot, p.args().get(arg++))));
                        } else {
                            out.append("%!").append(verb).append("(MISSING)");
                        }
                    } else {
                        out.append(c);
                    }
                }
            } else if (n instanceof Range r) {
                Object v = resolve(dot, r.path());
                if (v instanceof List<?> l) {
                    for (Object item : l) {
                        run(r.body(), item, out);
                    }
                } else if (v instanceof Map<?, ?> m) {
                    for (Object item : m.values()) {
                        run(r.body(), item, out);
                    }
                }
            }
        }
    }

    private static Object resolve(Object dot, String path) {
        if (path.equals(".")) {
            return dot;
        }
        Object v = dot;
        for (String part : path.substring(1).split("\\.")) {
            v = v instanceof Map<?, ?> m ? m.get(part) : null;
        }
        return v;
    }

    private static String show(Object v) {
        return v == null ? "<no value>" : String.valueOf(v);
    }
}
