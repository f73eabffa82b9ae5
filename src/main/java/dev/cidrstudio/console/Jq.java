package dev.cidrstudio.console;

import dev.cidrstudio.io.manifest.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of {@code jq} the Kubernetes docs pipe kubectl into: simple paths such as {@code .spec.clusterIP},
 * {@code .items[0].metadata.name} and {@code .items[].spec.clusterIP}, with {@code -r} for raw strings.
 */
final class Jq {

    private Jq() {
    }

    /** Thrown for a filter outside the supported subset or input that is not JSON. */
    static final class JqException extends Exception {
        private static final long serialVersionUID = 1L;

        JqException(String message) {
            super(message);
        }
    }

    static String run(String filter, Object input, boolean raw) throws JqException {
        List<Object> values = new ArrayList<>();
        values.add(input);
        String f = filter.trim();
        if (!f.startsWith(".")) {
            throw new JqException("unsupported filter " + filter + " (only paths like .a.b[0] and .items[] are "
                    + "supported here)");
        }
        int i = f.equals(".") ? 1 : 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < f.length() && (Character.isLetterOrDigit(f.charAt(j)) || f.charAt(j) == '_'
                        || f.charAt(j) == '-')) {
                    j++;
                }
                String name = f.substring(i + 1, j);
                if (!name.isEmpty()) {
                    List<Object> next = new ArrayList<>();
                    for (Object v : values) {
                        if (v == null) {
                            next.add(null);
                        } else if (v instanceof Map<?, ?> m) {
                            next.add(m.get(name));
                        } else {
                            throw new JqException("Cannot index " + typeName(v) + " with \"" + name + "\"");
                        }
                    }
                    values = next;
                }
                i = j;
            } else if (c == '[') {
                int j = f.indexOf(']', i);
                if (j < 0) {
                    throw new JqException("syntax error in " + filter);
                }
                String inner = f.substring(i + 1, j).trim();
                List<Object> next = new ArrayList<>();
                for (Object v : values) {
                    if (inner.isEmpty()) {
                        if (v instanceof List<?> l) {
                            next.addAll(l);
                        } else if (v instanceof Map<?, ?> m) {
                            next.addAll(m.values());
                        } else {
                            throw new JqException("Cannot iterate over " + (v == null ? "null" : typeName(v)));
                        }
                    } else if (inner.startsWith("\"")) {
                        next.add(v instanceof Map<?, ?> m ? m.get(inner.substring(1, inner.length() - 1)) : null);
                    } else {
                        int idx;
                        try {
                            idx = Integer.parseInt(inner);
                        } catch (NumberFormatException e) {
                            throw new JqException("unsupported index " + inner);
                        }
                        if (v instanceof List<?> l) {
                            int k = idx < 0 ? l.size() + idx : idx;
                            next.add(k >= 0 && k < l.size() ? l.get(k) : null);
                        } else {
                            next.add(null);
                        }
                    }
                }
                values = next;
                i = j + 1;
            } else {
                throw new JqException("unsupported filter " + filter);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Object v : values) {
            if (raw && v instanceof String s) {
                out.append(s);
            } else {
                out.append(pretty(v, 0));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String typeName(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof List) {
            return "array";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return "number";
    }

    /** jq's default output: two-space indentation. */
    private static String pretty(Object v, int depth) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "{}";
            }
            StringBuilder sb = new StringBuilder("{\n");
            int n = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("  ".repeat(depth + 1)).append(GoJson.compact(e.getKey().toString())).append(": ")
                        .append(pretty(e.getValue(), depth + 1));
                sb.append(++n < m.size() ? ",\n" : "\n");
            }
            return sb.append("  ".repeat(depth)).append('}').toString();
        }
        if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                return "[]";
            }
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < l.size(); i++) {
                sb.append("  ".repeat(depth + 1)).append(pretty(l.get(i), depth + 1));
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            return sb.append("  ".repeat(depth)).append(']').toString();
        }
        return GoJson.compact(v);
    }
}
