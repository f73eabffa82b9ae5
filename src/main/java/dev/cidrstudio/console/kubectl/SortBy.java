package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.KubeObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code --sort-by=JSONPATH}: the objects in the order of the (relaxed) JSONPath's first value, numbers by value and
 * the rest as text; a path no object has is refused as kubectl refuses it.
 */
final class SortBy {

    private SortBy() {
    }

    static List<KubeObject> sort(String field, List<KubeObject> objects) throws UsageException {
        String expr = field.startsWith("{") ? field : "{" + (field.startsWith(".") ? field : "." + field) + "}";
        JsonPathTemplate path;
        try {
            path = JsonPathTemplate.parse(expr);
        } catch (JsonPathTemplate.TemplateException e) {
            throw new UsageException("error: " + e.getMessage());
        }
        List<Object[]> keyed = new ArrayList<>();
        boolean found = objects.isEmpty();
        for (KubeObject o : objects) {
            Map<String, Object> doc = Printers.encode(o);
            Object key = null;
            for (List<Object> set : path.resultSets(doc)) {
                if (!set.isEmpty()) {
                    key = set.get(0);
                    found = true;
                    break;
                }
            }
            keyed.add(new Object[] {key, o});
        }
        if (!found) {
            throw new UsageException("error: couldn't find any field with path \"" + expr
                    + "\" in the list of objects");
        }
        keyed.sort(Comparator.comparing((Object[] k) -> k[0], SortBy::compare));
        List<KubeObject> out = new ArrayList<>();
        keyed.forEach(k -> out.add((KubeObject) k[1]));
        return out;
    }

    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
