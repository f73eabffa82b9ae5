package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.manifest.GoTypes.Field;
import dev.cidrstudio.io.manifest.GoTypes.GoType;
import dev.cidrstudio.io.manifest.GoTypes.Leaf;
import dev.cidrstudio.io.manifest.GoTypes.MapOf;
import dev.cidrstudio.io.manifest.GoTypes.Slice;
import dev.cidrstudio.io.manifest.GoTypes.Struct;
import dev.cidrstudio.io.yaml.GoTime;
import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import dev.cidrstudio.model.policy.QuantityFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A kept object decoded into its Go type as kube-apiserver decodes it with strict field validation
 * ({@code sigs.k8s.io/json}'s {@code UnmarshalStrict}): the JSON kubectl sends (keys sorted) is walked in order; the
 * first wrong JSON type is what the server answers, unless a field's own decoder ({@code metav1.Time},
 * {@code resource.Quantity}, {@code intstr.IntOrString}) fails first, which stops the decoding there; unknown fields
 * are answered only when nothing else is wrong, all together. Every mistake is a {@link Problem} at its line; the
 * one the server answers comes first.
 */
final class GoTypeCheck {

    /** Go's decoder keeps at most this many strict errors; we report at most this many problems of each sort. */
    static final int MAX_ERRORS = 100;

    private final String source;
    private final String kubePrefix;
    private final String release;
    private Problem aborted;
    private Problem firstTypeError;
    private final List<Problem> typeErrors = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private final List<Mark> unknownMarks = new ArrayList<>();

    private GoTypeCheck(String source, String kubePrefix, String release) {
        this.source = source;
        this.kubePrefix = kubePrefix;
        this.release = release;
    }

    /**
     * The problems of {@code doc} as a {@code type} (none when the server decodes it). {@code release} ("1.34") leaves
     * out the fields later releases added; null accepts every field of the releases the table covers.
     */
    static List<Problem> check(String source, PMap doc, Struct type, String kind, String version, String release) {
        GoTypeCheck c = new GoTypeCheck(source, kind + " in version \"" + version + "\" cannot be handled as a " + kind
                + ": ", release);
        c.struct(doc, type, "", "");
        List<Problem> out = new ArrayList<>();
        if (c.aborted != null) {
            out.add(c.aborted);
        } else if (c.firstTypeError != null) {
            out.add(c.firstTypeError);
        }
        for (Problem p : c.typeErrors) {
            if ((c.aborted != null || p != c.firstTypeError) && out.size() < MAX_ERRORS) {
                out.add(p);
            }
        }
        if (!c.unknown.isEmpty()) {
            StringBuilder all = new StringBuilder(c.kubePrefix).append("strict decoding error: ");
            for (int i = 0; i < c.unknown.size(); i++) {
                all.append(i > 0 ? ", " : "").append("unknown field \"").append(c.unknown.get(i)).append('"');
            }
            for (int i = 0; i < c.unknown.size(); i++) {
                out.add(new Problem(source, c.unknownMarks.get(i), c.unknown.get(i), "unknown field", all.toString()));
            }
        }
        return out;
    }

    private boolean stopped() {
        return aborted != null;
    }

    /** A JSON object's keys in the order kubectl's encoder writes them: by their UTF-8 bytes. */
    private static List<String> sortedKeys(PMap m) {
        List<String> keys = new ArrayList<>(m.entries().keySet());
        keys.sort(GoTypeCheck::compareUtf8);
        return keys;
    }

    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Decodes {@code n} into {@code type}. {@code goStruct}/{@code goPath} are Go's error context (the struct whose
     * field this is, and the JSON field names from the root, without indices or map keys); {@code path} is the
     * field as strict decoding and our messages name it ({@code spec.containers[0].ports[0].containerPort}).
     */
    private void value(PNode n, GoType type, String goStruct, String goPath, String path) {
        if (stopped() || n instanceof PScalar s && s.isNull()) {
            return;
        }
        if (type instanceof Struct st) {
            if (n instanceof PMap m) {
                struct(m, st, goPath, path);
            } else {
                typeError(n, st, goStruct, goPath, path, "a mapping");
            }
        } else if (type instanceof Slice sl) {
            if (n instanceof PList l) {
                for (int i = 0; i < l.items().size() && !stopped(); i++) {
                    value(l.items().get(i), sl.elem(), goStruct, goPath, path + "[" + i + "]");
                }
            } else {
                typeError(n, sl, goStruct, goPath, path, "a list");
            }
        } else if (type instanceof MapOf mo) {
            if (n instanceof PMap m) {
                for (String key : sortedKeys(m)) {
                    if (stopped()) {
                        return;
                    }
                    value(m.get(key), mo.value(), goStruct, goPath, Fields.join(path, key));
                }
            } else {
                typeError(n, mo, goStruct, goPath, path, "a mapping");
            }
        } else {
            leaf(n, (Leaf) type, goStruct, goPath, path);
        }
    }

    private void struct(PMap m, Struct st, String goPath, String path) {
        for (String key : sortedKeys(m)) {
            if (stopped()) {
                return;
            }
            Field f = st.fields().get(key);
            if (f == null || !f.knownIn(release)) {
                if (unknown.size() < MAX_ERRORS) {
                    unknown.add(Fields.join(path, key));
                    unknownMarks.add(m.keyMark(key));
                }
                continue;
            }
            value(m.get(key), f.type(), st.name(), Fields.join(goPath, key), Fields.join(path, key));
        }
    }

    private void leaf(PNode n, Leaf leaf, String goStruct, String goPath, String path) {
        PScalar s = n instanceof PScalar sc ? sc : null;
        boolean string = s != null && s.type() == ScalarType.STRING;
        switch (leaf.kind()) {
            case STRING -> {
                if (!string) {
                    typeError(n, leaf, goStruct, goPath, path, "a string");
                }
            }
            case BOOL -> {
                if (s == null || s.type() != ScalarType.BOOL) {
                    typeError(n, leaf, goStruct, goPath, path, "true or false");
                }
            }
            case INT32, INT64 -> {
                String number = s == null ? null : GoNumbers.jsonNumber(s);
                if (number == null) {
                    typeError(n, leaf, goStruct, goPath, path, "an integer");
                } else if (GoNumbers.fit(number, leaf.goName()) == null) {
                    save(new Problem(source, n.mark(), path, "expected an integer that fits in " + leaf.goName()
                            + ", got " + GoNumbers.brief(number), kubePrefix + "json: cannot unmarshal number " + number
                            + " into Go struct field " + goStruct + "." + goPath + " of type " + leaf.goName()));
                }
            }
            case TIME, MICRO_TIME -> {
                if (!string) {
                    // metav1.Time reads its JSON into a string first; Go's error gets this field's context.
                    abort(new Problem(source, n.mark(), path, "expected an RFC 3339 time, got " + got(n),
                            kubePrefix + "json: cannot unmarshal " + PNode.goTypeName(n) + " into Go struct field "
                                    + goStruct + "." + goPath + " of type string"));
                    return;
                }
                String layout = leaf.kind() == GoTypes.LeafKind.TIME ? GoTime.RFC3339 : GoTime.RFC3339_MICRO;
                String error = GoTime.parseError(layout, s.value());
                if (error != null) {
                    abort(new Problem(source, n.mark(), path, "not an RFC 3339 time"
                            + (leaf.kind() == GoTypes.LeafKind.MICRO_TIME ? " with microseconds" : "") + " ("
                            + layout + "): " + brief(s.value()), kubePrefix + error));
                }
            }
            case QUANTITY -> {
                String raw;
                if (string) {
                    raw = goTrimSpace(goJsonEscaped(s.value()));
                } else if (s != null && GoNumbers.jsonNumber(s) != null) {
                    raw = GoNumbers.jsonNumber(s);
                } else {
                    raw = s != null ? s.value() : n instanceof PMap ? "{" : "[";
                }
                String error = QuantityFormat.parseError(raw);
                if (error != null) {
                    abort(new Problem(source, n.mark(), path, "not a quantity: " + got(n), kubePrefix + error));
                }
            }
            case INT_OR_STRING -> {
                if (string) {
                    return;
                }
                String number = s == null ? null : GoNumbers.jsonNumber(s);
                if (number != null && GoNumbers.fit(number, "int32") != null) {
                    return;
                }
                // IntOrString reads a non-string into its int32; Go's error gets this field's context.
                String value = number != null ? "number " + number : PNode.goTypeName(n);
                abort(new Problem(source, n.mark(), path, number != null ? "expected an integer that fits in int32, "
                        + "got " + GoNumbers.brief(number) : "expected a number or a string, got " + got(n),
                        kubePrefix + "json: cannot unmarshal " + value + " into Go struct field " + goStruct + "."
                                + goPath + " of type int32"));
            }
            case ANY -> {
            }
        }
    }

    private void typeError(PNode n, GoType type, String goStruct, String goPath, String path, String want) {
        save(new Problem(source, n.mark(), path, "expected " + want + ", got " + got(n), kubePrefix
                + "json: cannot unmarshal " + PNode.goTypeName(n) + " into Go struct field " + goStruct + "." + goPath
                + " of type " + type.goName()));
    }

    /** A wrong type Go's decoder notes and decodes past: the first one is its answer. */
    private void save(Problem p) {
        if (firstTypeError == null) {
            firstTypeError = p;
        }
        if (typeErrors.size() < MAX_ERRORS) {
            typeErrors.add(p);
        }
    }

    /** An error a field's own decoder returns: Go stops decoding and answers it. */
    private void abort(Problem p) {
        aborted = p;
    }

    private static String got(PNode n) {
        return PNode.goTypeName(n) + (n instanceof PScalar s ? " (" + brief(s.value()) + ")" : "");
    }

    private static String brief(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    /**
     * A string as Go's JSON encoder writes it between the quotes ({@code resource.Quantity} reads that text, escapes
     * and all): quotes, backslashes and control characters escaped, and {@code <}, {@code >}, {@code &}, U+2028 and
     * U+2029 as {@code \}{@code u} escapes.
     */
    static String goJsonEscaped(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        dev.cidrstudio.model.field.GoValue.json(sb, s, true);
        return sb.substring(1, sb.length() - 1);
    }

    /** Go's {@code strings.TrimSpace}: Unicode white space off both ends. */
    static String goTrimSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && goSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && goSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean goSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }
}
