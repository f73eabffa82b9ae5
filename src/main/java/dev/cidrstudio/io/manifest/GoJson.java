package dev.cidrstudio.io.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's {@code encoding/json} writes it for kubectl: map keys sorted by bytes, HTML characters escaped,
 * and (for {@code -o json}) {@code MarshalIndent} with four spaces.
 */
public final class GoJson {

    private GoJson() {
    }

    public static String indent(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "    ", 0);
        return sb.append('\n').toString();
    }

    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, null, 0);
        return sb.toString();
    }

    /**
     * {@code MarshalIndent} of a typed Go struct: fields keep their declaration order, which the caller gives as
     * the maps' iteration order ({@link StructOrder}); only free-form maps (labels, selectors) come sorted.
     */
    public static String indentInOrder(Object value) {
        StringBuilder sb = new StringBuilder();
        writeOrdered(sb, value, "    ", 0);
        return sb.append('\n').toString();
    }

    /** {@code Marshal} of a typed Go struct, on one line, in the maps' iteration order (see {@link #indentInOrder}). */
    public static String compactInOrder(Object value) {
        StringBuilder sb = new StringBuilder();
        writeOrdered(sb, value, null, 0);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeOrdered(StringBuilder sb, Object v, String indent, int depth) {
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            sb.append('{');
            int i = 0;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (i++ > 0) {
                    sb.append(',');
                }
                newline(sb, indent, depth + 1);
                quote(sb, e.getKey());
                sb.append(indent != null ? ": " : ":");
                writeOrdered(sb, e.getValue(), indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append('}');
        } else if (v instanceof List<?> list && !list.isEmpty()) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(sb, indent, depth + 1);
                writeOrdered(sb, list.get(i), indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append(']');
        } else {
            write(sb, v, indent, depth);
        }
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        if (indent != null) {
            sb.append('\n');
            sb.append(indent.repeat(depth));
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v, String indent, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Double d) {
            sb.append(d == Math.rint(d) && Math.abs(d) < 1e21 ? Long.toString(d.longValue()) : d.toString());
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>((java.util.Set<String>) map.keySet());
            keys.sort(null);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(sb, indent, depth + 1);
                quote(sb, keys.get(i));
                sb.append(indent != null ? ": " : ":");
                write(sb, ((Map<String, Object>) map).get(keys.get(i)), indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(sb, indent, depth + 1);
                write(sb, list.get(i), indent, depth + 1);
            }
            newline(sb, indent, depth);
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    static void quote(StringBuilder sb, String s) {
        dev.cidrstudio.model.field.GoValue.json(sb, s, true);
    }
}
