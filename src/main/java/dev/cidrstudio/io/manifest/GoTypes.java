package dev.cidrstudio.io.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Go types kube-apiserver decodes the kept kinds it knows into (Pods, Nodes, Events, EndpointSlices,
 * ValidatingAdmissionPolicies and their bindings), from the table {@code go-types.txt}: each struct's fields by JSON
 * name with their Go types, and the release that added a field. {@link GoTypeCheck} walks a document against them.
 */
public final class GoTypes {

    /** A Go type as the JSON decoder sees it; {@link #goName()} is what its errors print ({@code []v1.Container}). */
    public sealed interface GoType permits Leaf, Struct, Slice, MapOf {
        String goName();
    }

    /** How a leaf reads its JSON value. */
    public enum LeafKind {
        STRING, BOOL, INT32, INT64,
        /** {@code metav1.Time}: an RFC 3339 string. */
        TIME,
        /** {@code metav1.MicroTime}: RFC 3339 with six fractional digits. */
        MICRO_TIME,
        /** {@code resource.Quantity}: a string or a number that {@code ParseQuantity} reads. */
        QUANTITY,
        /** {@code intstr.IntOrString}: a string, or a number that fits an int32. */
        INT_OR_STRING,
        /** {@code metav1.FieldsV1}: any JSON. */
        ANY
    }

    public record Leaf(String goName, LeafKind kind) implements GoType {
    }

    public record Slice(String goName, GoType elem) implements GoType {
    }

    /** A map with string keys (named ones, such as {@code v1.ResourceName}, included). */
    public record MapOf(String goName, GoType value) implements GoType {
    }

    /** One field: its JSON name, its type, and the release that added it (null: every release has it). */
    public record Field(String jsonName, GoType type, String since) {

        /** True when {@code release} (e.g. "1.34"; null for any) has the field. */
        public boolean knownIn(String release) {
            return since == null || release == null || minor(release) >= minor(since);
        }
    }

    /** A struct: its Go name for errors ({@code PodSpec}) and its fields, embedded structs' fields promoted. */
    public static final class Struct implements GoType {
        private final String goName;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final Map<String, Field> view = Collections.unmodifiableMap(fields);

        Struct(String goName) {
            this.goName = goName;
        }

        @Override
        public String goName() {
            return goName;
        }

        /** The name {@code reflect.Type.Name()} gives, as Go's decoder prints it before a field path. */
        public String name() {
            return goName.substring(goName.indexOf('.') + 1);
        }

        public Map<String, Field> fields() {
            return view;
        }

        @Override
        public String toString() {
            return goName;
        }
    }

    private static final String RESOURCE = "go-types.txt";

    private final Map<String, Struct> kinds = new HashMap<>();
    private final Map<String, String> named = new HashMap<>();
    private final Map<String, java.util.List<String[]>> structFields = new HashMap<>();
    private final Map<String, GoType> resolved = new HashMap<>();

    private static final class Holder {
        static final GoTypes TABLE = load();
    }

    private GoTypes() {
    }

    /** The Go type of {@code apiVersion}/{@code kind}, or null when no Kubernetes release the table covers knows it. */
    public static Struct kind(String apiVersion, String kind) {
        return Holder.TABLE.kinds.get(apiVersion + "/" + kind);
    }

    /** Every kind the table covers, {@code apiVersion/Kind} to its type. */
    public static Map<String, Struct> kinds() {
        return Collections.unmodifiableMap(Holder.TABLE.kinds);
    }

    static int minor(String release) {
        int dot = release.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? release : release.substring(dot + 1).replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static GoTypes load() {
        GoTypes t = new GoTypes();
        try (InputStream in = GoTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> kindLines = new LinkedHashMap<>();
            String current = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.trim().split(" ");
                if (line.startsWith("  ")) {
                    t.structFields.get(current).add(w);
                } else if (w[0].equals("kind")) {
                    kindLines.put(w[1], w[2]);
                } else if (w[1].equals("struct")) {
                    current = w[0];
                    t.structFields.put(current, new java.util.ArrayList<>());
                } else {
                    t.named.put(w[0], w[1]);
                }
            }
            for (Map.Entry<String, String> k : kindLines.entrySet()) {
                t.kinds.put(k.getKey(), (Struct) t.resolve(k.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    /** Go prints a type by its package's name: k8s.io/api/core/v1 and metav1 are both "v1". */
    private static String display(String expr) {
        if (expr.startsWith("*")) {
            return "*" + display(expr.substring(1));
        }
        if (expr.startsWith("[]")) {
            return "[]" + display(expr.substring(2));
        }
        if (expr.startsWith("map[")) {
            int close = expr.indexOf(']');
            return "map[" + display(expr.substring(4, close)) + "]" + display(expr.substring(close + 1));
        }
        int dot = expr.indexOf('.');
        if (dot < 0) {
            return expr;
        }
        String pkg = expr.substring(0, dot);
        String name = expr.substring(dot + 1);
        return switch (pkg) {
            case "core", "meta", "events", "discovery", "admissionregistration" -> "v1." + name;
            default -> pkg + "." + name;
        };
    }

    private GoType resolve(String expr) {
        GoType done = resolved.get(expr);
        if (done != null) {
            return done;
        }
        if (expr.startsWith("*")) {
            // Go's decoder allocates the pointer and decodes into what it points to.
            return resolve(expr.substring(1));
        }
        GoType t;
        if (expr.startsWith("[]")) {
            t = new Slice(display(expr), resolve(expr.substring(2)));
        } else if (expr.startsWith("map[")) {
            t = new MapOf(display(expr), resolve(expr.substring(expr.indexOf(']') + 1)));
        } else {
            t = switch (expr) {
                case "string" -> new Leaf("string", LeafKind.STRING);
                case "bool" -> new Leaf("bool", LeafKind.BOOL);
                case "int32" -> new Leaf("int32", LeafKind.INT32);
                case "int64" -> new Leaf("int64", LeafKind.INT64);
                case "types.UID" -> new Leaf("types.UID", LeafKind.STRING);
                case "meta.Time" -> new Leaf("v1.Time", LeafKind.TIME);
                case "meta.MicroTime" -> new Leaf("v1.MicroTime", LeafKind.MICRO_TIME);
                case "meta.FieldsV1" -> new Leaf("v1.FieldsV1", LeafKind.ANY);
                case "resource.Quantity" -> new Leaf("resource.Quantity", LeafKind.QUANTITY);
                case "intstr.IntOrString" -> new Leaf("intstr.IntOrString", LeafKind.INT_OR_STRING);
                default -> null;
            };
            if (t == null && structFields.containsKey(expr)) {
                Struct s = new Struct(display(expr));
                resolved.put(expr, s);
                fill(s, expr);
                return s;
            }
            if (t == null && named.containsKey(expr)) {
                GoType under = resolve(named.get(expr));
                t = under instanceof Leaf l ? new Leaf(display(expr), l.kind())
                        : under instanceof MapOf m ? new MapOf(display(expr), m.value())
                        : under instanceof Slice s ? new Slice(display(expr), s.elem()) : under;
            }
            if (t == null) {
                throw new IllegalStateException(RESOURCE + ": no type " + expr);
            }
        }
        resolved.put(expr, t);
        return t;
    }

    /** A struct's own fields first, then those of its inline embedded structs that no shallower field hides. */
    private void fill(Struct s, String expr) {
        java.util.List<Field> promoted = new java.util.ArrayList<>();
        for (String[] f : structFields.get(expr)) {
            String since = f.length > 2 && f[2].startsWith("+") ? f[2].substring(1) : null;
            if (f[0].equals("_")) {
                Struct embedded = (Struct) resolve(f[1]);
                for (Field e : embedded.fields().values()) {
                    promoted.add(since == null ? e : new Field(e.jsonName(), e.type(), since));
                }
            } else {
                s.fields.put(f[0], new Field(f[0], resolve(f[1]), since));
            }
        }
        for (Field p : promoted) {
            s.fields.putIfAbsent(p.jsonName(), p);
        }
    }
}
