package dev.cidrstudio.model.field;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders values the way Go's {@code fmt} prints a field error's bad value: {@code %q} for strings and
 * {@code %#v} for slices and structs. Kept as text so errors stay plain immutable values.
 */
public final class GoValue {

    private GoValue() {
    }

    /**
     * A JSON string literal as Go's {@code encoding/json} writes it; with {@code htmlEscape} (json.Marshal's default)
     * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 become {@code \\u} escapes too.
     */
    public static void json(StringBuilder sb, String s, boolean htmlEscape) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean html = c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029';
                    if (c < 0x20 || (htmlEscape && html)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    public static String json(String s, boolean htmlEscape) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        json(sb, s, htmlEscape);
        return sb.toString();
    }

    /** Go's {@code %q} for a string. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A bad value as both releases print it: {@code go} is Go's {@code %#v} (Kubernetes 1.33 and before), {@code json}
     * is {@code json.Marshal} (apimachinery from 1.34 prints non-scalar values as JSON).
     */
    public record Rendered(String go, String json) {
    }

    /** A {@code []string}. */
    public static Rendered strings(List<String> values) {
        return new Rendered(stringSlice(values), jsonStrings(values));
    }

    /** A slice of a named string type ({@code []core.IPFamily}); JSON does not name the type. */
    public static Rendered typed(String typeName, List<String> values) {
        return new Rendered(typedSlice(typeName, values), jsonStrings(values));
    }

    /** {@code json.Marshal} of a string slice: {@code ["a","b"]}, {@code null} for a nil slice. */
    public static String jsonStrings(List<String> values) {
        if (values == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            json(sb, values.get(i), true);
        }
        return sb.append(']').toString();
    }

    /** {@code %#v} of a {@code []string}; a null list prints as Go's nil slice. */
    public static String stringSlice(List<String> values) {
        return typedSlice("string", values);
    }

    /** {@code %#v} of a slice of a named string type, e.g. {@code []core.IPFamily{"IPv4"}}. */
    public static String typedSlice(String typeName, List<String> values) {
        if (values == null) {
            return "[]" + typeName + "(nil)";
        }
        return "[]" + typeName + "{" + values.stream().map(GoValue::quote).collect(Collectors.joining(", ")) + "}";
    }
}
