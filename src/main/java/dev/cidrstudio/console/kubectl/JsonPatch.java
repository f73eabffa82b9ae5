package dev.cidrstudio.console.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three patch types {@code kubectl patch} sends: a JSON merge patch (RFC 7386), a strategic merge patch (a merge
 * patch whose lists of Service ports and conditions merge by their key, as the API's patch strategies say) and a
 * JSON patch (RFC 6902: add, remove, replace, test).
 */
public final class JsonPatch {

    /** A patch the server cannot apply, worded as the API server words it. */
    public static final class PatchException extends Exception {
        private static final long serialVersionUID = 1L;

        PatchException(String message) {
            super(message);
        }
    }

    /** The merge keys of the lists a Service, a Namespace or a ServiceCIDR has ({@code patchMergeKey}). */
    private static final Map<String, String> MERGE_KEYS = Map.of("ports", "port", "conditions", "type");

    private JsonPatch() {
    }

    public static Map<String, Object> mergePatch(Map<String, Object> target, Object patch) throws PatchException {
        return merge(target, patch, false);
    }

    public static Map<String, Object> strategicMergePatch(Map<String, Object> target, Object patch) throws PatchException {
        return merge(target, patch, true);
    }

    private static Map<String, Object> merge(Map<String, Object> target, Object patch, boolean strategic)
            throws PatchException {
        if (!(patch instanceof Map<?, ?>)) {
            throw new PatchException("the patch is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) mergeValue(target, patch, null, strategic);
        return result;
    }

    /** The strategic merge patch's directives ({@code k8s.io/apimachinery/pkg/util/strategicpatch}). */
    static final String DIRECTIVE = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object target, Object patch, String field, boolean strategic)
            throws PatchException {
        if (patch instanceof Map<?, ?> p) {
            Map<String, Object> pm = (Map<String, Object>) p;
            if (strategic && pm.containsKey(DIRECTIVE)) {
                Object directive = pm.get(DIRECTIVE);
                if ("replace".equals(directive)) {
                    Map<String, Object> replaced = new LinkedHashMap<>(pm);
                    replaced.remove(DIRECTIVE);
                    return mergeValue(null, replaced, field, true);
                }
                if ("delete".equals(directive)) {
                    return null;
                }
                throw new PatchException("Unable to find unknown directive: " + directive);
            }
            Map<String, Object> out = target instanceof Map<?, ?> t ? new LinkedHashMap<>((Map<String, Object>) t)
                    : new LinkedHashMap<>();
            Map<String, List<Object>> orders = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : pm.entrySet()) {
                String key = e.getKey();
                if (strategic && key.equals(RETAIN_KEYS)) {
                    continue;
                }
                if (strategic && key.startsWith(SET_ELEMENT_ORDER)) {
                    if (e.getValue() instanceof List<?> order) {
                        orders.put(key.substring(SET_ELEMENT_ORDER.length()), (List<Object>) order);
                    }
                    continue;
                }
                if (strategic && key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                    String list = key.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                    if (out.get(list) instanceof List<?> current && e.getValue() instanceof List<?> gone) {
                        List<Object> kept = new ArrayList<>();
                        for (Object v : current) {
                            if (gone.stream().noneMatch(g -> sameValue(g, v))) {
                                kept.add(v);
                            }
                        }
                        out.put(list, kept);
                    }
                    continue;
                }
                Object merged = e.getValue() == null ? null : mergeValue(out.get(key), e.getValue(), key, strategic);
                if (merged == null) {
                    out.remove(key);
                } else {
                    out.put(key, merged);
                }
            }
            if (strategic && pm.get(RETAIN_KEYS) instanceof List<?> retain) {
                out.keySet().removeIf(k -> !retain.contains(k));
            }
            for (Map.Entry<String, List<Object>> o : orders.entrySet()) {
                if (out.get(o.getKey()) instanceof List<?> l) {
                    out.put(o.getKey(), ordered((List<Object>) l, o.getValue(), MERGE_KEYS.get(o.getKey())));
                }
            }
            return out;
        }
        if (strategic && patch instanceof List<?> pl && MERGE_KEYS.containsKey(field)) {
            String key = MERGE_KEYS.get(field);
            List<Object> out = target instanceof List<?> tl ? new ArrayList<>(tl) : new ArrayList<>();
            for (Object item : pl) {
                if (item instanceof Map<?, ?> im && "replace".equals(im.get(DIRECTIVE))) {
                    List<Object> replaced = new ArrayList<>();
                    for (Object other : pl) {
                        if (other != item) {
                            replaced.add(mergeValue(null, other, null, true));
                        }
                    }
                    return replaced;
                }
            }
            for (Object item : pl) {
                int at = -1;
                for (int i = 0; i < out.size() && item instanceof Map<?, ?> im; i++) {
                    if (out.get(i) instanceof Map<?, ?> om && sameValue(om.get(key), im.get(key))) {
                        at = i;
                    }
                }
                boolean delete = item instanceof Map<?, ?> im && "delete".equals(im.get(DIRECTIVE));
                if (delete) {
                    if (at >= 0) {
                        out.remove(at);
                    }
                } else if (at >= 0) {
                    out.set(at, mergeValue(out.get(at), item, null, true));
                } else {
                    out.add(mergeValue(null, item, null, true));
                }
            }
            return out;
        }
        return patch;
    }

    /**
     * {@code $setElementOrder}: the list's items in the order the patch gives (by merge key, or by value for a list
     * of scalars); items the order does not name keep their place after those it names.
     */
    private static List<Object> ordered(List<Object> items, List<Object> order, String key) {
        List<Object> named = new ArrayList<>();
        List<Object> rest = new ArrayList<>(items);
        for (Object o : order) {
            Object wanted = key != null && o instanceof Map<?, ?> m ? m.get(key) : o;
            for (int i = 0; i < rest.size(); i++) {
                Object item = rest.get(i);
                Object have = key != null && item instanceof Map<?, ?> m ? m.get(key) : item;
                if (sameValue(have, wanted)) {
                    named.add(rest.remove(i));
                    break;
                }
            }
        }
        named.addAll(rest);
        return named;
    }

    /** Equal as JSON values: the numbers 80 and 80.0 are one value. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a != null && a.equals(b);
    }

    /** RFC 6902 over a document: each operation in turn; a failed test or a missing path refuses the whole patch. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> target, Object patch) throws PatchException {
        if (!(patch instanceof List<?> ops)) {
            throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        Object doc = deepCopy(target);
        for (Object o : ops) {
            Map<String, Object> op = o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            String kind = String.valueOf(op.get("op"));
            String path = String.valueOf(op.get("path"));
            List<String> tokens = pointer(path);
            if (tokens.isEmpty()) {
                throw new PatchException("the JSON patch may not replace the whole object");
            }
            Object parent = walk(doc, tokens.subList(0, tokens.size() - 1), path);
            String last = tokens.get(tokens.size() - 1);
            switch (kind) {
                case "add" -> add(parent, last, deepCopy(op.get("value")), path);
                case "remove" -> remove(parent, last, path);
                case "replace" -> {
                    remove(parent, last, path);
                    add(parent, last, deepCopy(op.get("value")), path);
                }
                case "test" -> {
                    Object at = walk(doc, tokens, path);
                    if (!sameValue(at, op.get("value")) && !(at == null && op.get("value") == null)) {
                        throw new PatchException("testing value " + path + " failed: test failed");
                    }
                }
                default -> throw new PatchException("Unexpected kind: " + kind);
            }
        }
        return (Map<String, Object>) doc;
    }

    private static List<String> pointer(String path) {
        List<String> out = new ArrayList<>();
        for (String t : path.split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out.subList(1, out.size());
    }

    private static Object walk(Object doc, List<String> tokens, String path) throws PatchException {
        Object at = doc;
        for (String t : tokens) {
            if (at instanceof Map<?, ?> m && m.containsKey(t)) {
                at = m.get(t);
            } else if (at instanceof List<?> l && t.matches("[0-9]+") && Integer.parseInt(t) < l.size()) {
                at = l.get(Integer.parseInt(t));
            } else {
                throw new PatchException("doc is missing path: \"" + path + "\": missing value");
            }
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object parent, String key, Object value, String path) throws PatchException {
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
        } else if (parent instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            int i = key.equals("-") ? list.size() : index(key, list.size() + 1, path);
            list.add(i, value);
        } else {
            throw new PatchException("doc is missing path: \"" + path + "\": missing value");
        }
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object parent, String key, String path) throws PatchException {
        if (parent instanceof Map<?, ?> m && m.containsKey(key)) {
            ((Map<String, Object>) m).remove(key);
        } else if (parent instanceof List<?> l) {
            ((List<Object>) l).remove(index(key, l.size(), path));
        } else {
            throw new PatchException("doc is missing path: \"" + path + "\": missing value");
        }
    }

    private static int index(String key, int size, String path) throws PatchException {
        if (!key.matches("[0-9]+") || Integer.parseInt(key) >= size) {
            throw new PatchException("doc is missing path: \"" + path + "\": missing value");
        }
        return Integer.parseInt(key);
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }
}
