package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, positioned reads of a document's fields. Every mismatch is collected as a {@link Problem} naming the file,
 * line, column and field path; unknown fields are collected the way strict decoding reports them.
 */
final class Fields {

    private final String source;
    private final String kubePrefix;
    final List<Problem> problems = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();
    final List<Mark> unknownMarks = new ArrayList<>();

    /** {@code kubePrefix} is e.g. {@code Service in version "v1" cannot be handled as a Service: }. */
    Fields(String source, String kubePrefix) {
        this.source = source;
        this.kubePrefix = kubePrefix;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Fields whose own decoder failed: Go's decoder stops at the first of them and answers it. */
    private final java.util.Set<String> aborting = new java.util.HashSet<>();

    /** A problem a field's own decoder ({@code metav1.Time}, {@code intstr.IntOrString}) reports. */
    void abort(Mark mark, String field, String message, String kubeMessage) {
        problem(mark, field, message, kubeMessage);
        aborting.add(field);
    }

    /** Marks the problem already reported at {@code field} as one that stops Go's decoder. */
    void abortsDecoding(String field) {
        aborting.add(field);
    }

    void problem(Mark mark, String field, String message, String kubeMessage) {
        problems.add(new Problem(source, mark, field, message, kubeMessage == null ? null : kubePrefix + kubeMessage));
    }

    private void typeError(PNode n, String field, String want, String goStruct, String goType) {
        String got = PNode.goTypeName(n);
        problem(n.mark(), field, "expected " + want + ", got " + got + describeValue(n),
                "json: cannot unmarshal " + got + " into Go struct field " + goStruct + "."
                        + field.replaceAll("\\[\\d+\\]", "") + " of type " + goType);
    }

    private static String describeValue(PNode n) {
        if (n instanceof PScalar s) {
            String v = s.value().length() > 40 ? s.value().substring(0, 40) + "..." : s.value();
            return " (" + v + ")";
        }
        return "";
    }

    static boolean absent(PNode n) {
        return n == null || (n instanceof PScalar s && s.isNull());
    }

    void knownKeys(PMap m, String path, Set<String> known) {
        for (String k : m.entries().keySet()) {
            if (!known.contains(k)) {
                String f = join(path, k);
                unknown.add(f);
                unknownMarks.add(m.keyMark(k));
            }
        }
    }

    /**
     * The order Go's decoder meets fields in: kubectl sends JSON with every object's keys sorted, so paths compare
     * segment by segment, names by their bytes and list indices by number.
     */
    static final java.util.Comparator<String> GO_ORDER = Fields::compareGoPaths;

    private static int compareGoPaths(String a, String b) {
        String[] as = a.split("\\.", -1);
        String[] bs = b.split("\\.", -1);
        for (int i = 0; i < as.length && i < bs.length; i++) {
            int c = compareSegments(as[i], bs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(as.length, bs.length);
    }

    private static int compareSegments(String a, String b) {
        int ai = a.indexOf('[');
        int bi = b.indexOf('[');
        String an = ai < 0 ? a : a.substring(0, ai);
        String bn = bi < 0 ? b : b.substring(0, bi);
        int c = GoTypeCheck.compareUtf8(an, bn);
        if (c != 0 || ai < 0 || bi < 0) {
            return c != 0 ? c : Integer.compare(ai < 0 ? 0 : 1, bi < 0 ? 0 : 1);
        }
        String[] ax = a.substring(ai + 1).split("\\]\\[?");
        String[] bx = b.substring(bi + 1).split("\\]\\[?");
        for (int i = 0; i < ax.length && i < bx.length; i++) {
            try {
                c = Long.compare(Long.parseLong(ax[i]), Long.parseLong(bx[i]));
            } catch (NumberFormatException e) {
                c = ax[i].compareTo(bx[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ax.length, bx.length);
    }

    /**
     * The problems in the order kube-apiserver answers them: wrong types first, in the order Go's decoder meets them
     * (a field decoder's error, a {@code targetPort}'s or a time's, stops the decoder, so the first of them is
     * answered even after an earlier wrong type), then the unknown fields.
     */
    List<Problem> inGoOrder() {
        List<Problem> typed = new ArrayList<>();
        List<Problem> strict = new ArrayList<>();
        for (Problem p : problems) {
            (p.message().equals("unknown field") ? strict : typed).add(p);
        }
        typed.sort(java.util.Comparator.comparing(p -> p.field() == null ? "" : p.field(), GO_ORDER));
        for (int i = 0; i < typed.size(); i++) {
            if (aborting.contains(typed.get(i).field())) {
                typed.add(0, typed.remove(i));
                break;
            }
        }
        typed.addAll(strict);
        return typed;
    }

    /** Reports the unknown fields, strict-decoding style, as one problem each (one kube message for all). */
    void flushUnknown() {
        if (unknown.isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < unknown.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> GO_ORDER.compare(unknown.get(x), unknown.get(y)));
        List<String> names = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (int i : order) {
            names.add(unknown.get(i));
            marks.add(unknownMarks.get(i));
        }
        unknown.clear();
        unknown.addAll(names);
        unknownMarks.clear();
        unknownMarks.addAll(marks);
        StringBuilder all = new StringBuilder("strict decoding error: ");
        for (int i = 0; i < unknown.size(); i++) {
            if (i > 0) {
                all.append(", ");
            }
            all.append("unknown field \"").append(unknown.get(i)).append('"');
        }
        for (int i = 0; i < unknown.size(); i++) {
            problems.add(new Problem(source, unknownMarks.get(i), unknown.get(i), "unknown field",
                    kubePrefix + all));
        }
    }

    PMap map(PMap parent, String key, String path, String goStruct) {
        PNode n = parent.get(key);
        if (absent(n)) {
            return null;
        }
        if (n instanceof PMap m) {
            return m;
        }
        typeError(n, join(path, key), "a mapping", goStruct, "map");
        return null;
    }

    PList list(PMap parent, String key, String path, String goStruct, String goType) {
        PNode n = parent.get(key);
        if (absent(n)) {
            return null;
        }
        if (n instanceof PList l) {
            return l;
        }
        typeError(n, join(path, key), "a list", goStruct, goType);
        return null;
    }

    String str(PMap parent, String key, String path, String goStruct) {
        PNode n = parent.get(key);
        if (absent(n)) {
            return null;
        }
        if (n instanceof PScalar s && s.type() == ScalarType.STRING) {
            return s.value();
        }
        typeError(n, join(path, key), "a string", goStruct, "string");
        return null;
    }

    /** A string where YAML may have resolved a plain number (as in {@code serviceClusterIPRange: 1.33}). */
    String lenientStr(PMap parent, String key, String path) {
        PNode n = parent.get(key);
        if (absent(n)) {
            return null;
        }
        if (n instanceof PScalar s && s.type() != ScalarType.NULL) {
            return s.value();
        }
        typeError(n, join(path, key), "a string", "", "string");
        return null;
    }

    /**
     * An integer field of Go type {@code goType} (int32 or int64). The number is judged as kube-apiserver sees it:
     * kubectl turns the YAML into JSON (a whole float such as {@code 1e3} becomes {@code 1000}), and the server's
     * decoder refuses a number that is not a whole number or does not fit the field's type.
     */
    Long integer(PMap parent, String key, String path, String goStruct, String goType) {
        PNode n = parent.get(key);
        if (absent(n)) {
            return null;
        }
        String field = join(path, key);
        String number = n instanceof PScalar s ? GoNumbers.jsonNumber(s) : null;
        if (number == null) {
            typeError(n, field, "an integer", goStruct, goType);
            return null;
        }
        Long value = GoNumbers.fit(number, goType);
        if (value == null) {
            numberError(n.mark(), field, number, goStruct, goType);
        }
        return value;
    }

    /** A number the field's Go type cannot hold, in the words of Go's JSON decoder. */
    void numberError(Mark mark, String field, String number, String goStruct, String goType) {
        problem(mark, field, "expected an integer that fits in " + goType + ", got " + GoNumbers.brief(number),
                "json: cannot unmarshal number " + number + " into Go struct field " + goStruct + "."
                        + field.replaceAll("\\[\\d+\\]", "") + " of type " + goType);
    }

    Boolean bool(PMap parent, String key, String path, String goStruct) {
        PNode n = parent.get(key);
        if (absent(n)) {
            return null;
        }
        if (n instanceof PScalar s && s.type() == ScalarType.BOOL) {
            return s.value().matches("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");
        }
        typeError(n, join(path, key), "true or false", goStruct, "bool");
        return null;
    }

    List<String> strList(PMap parent, String key, String path, String goStruct) {
        PList l = list(parent, key, path, goStruct, "[]string");
        if (l == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            PNode item = l.items().get(i);
            if (item instanceof PScalar s && s.type() == ScalarType.STRING) {
                out.add(s.value());
            } else if (item instanceof PScalar s && s.isNull()) {
                out.add("");
            } else {
                typeError(item, join(path, key) + "[" + i + "]", "a string", goStruct, "string");
            }
        }
        return out;
    }

    Map<String, String> strMap(PMap parent, String key, String path, String goStruct) {
        PMap m = map(parent, key, path, goStruct);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, PNode> e : m.entries().entrySet()) {
            PNode v = e.getValue();
            if (v instanceof PScalar s && s.type() == ScalarType.STRING) {
                out.put(e.getKey(), s.value());
            } else if (v instanceof PScalar s && s.isNull()) {
                out.put(e.getKey(), "");
            } else {
                // Go's error context names the map, not the key.
                String got = PNode.goTypeName(v);
                problem(v.mark(), join(join(path, key), e.getKey()), "expected a string, got " + got + describeValue(v),
                        "json: cannot unmarshal " + got + " into Go struct field " + goStruct + "."
                                + join(path, key).replaceAll("\\[\\d+\\]", "") + " of type string");
            }
        }
        return out;
    }
}
