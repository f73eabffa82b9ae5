package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.NetIp;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One-line text of a CEL value: true/false, numbers, JSON strings, JSON lists and maps, ip("...") and cidr("..."). */
public final class CelValues {

    private CelValues() {
    }

    public static String format(Object v) {
        if (v == null || v instanceof dev.cel.common.values.NullValue || "NULL_VALUE".equals(String.valueOf(v))) {
            return "null";
        }
        if (v instanceof NetIp.Addr a) {
            return "ip(" + quote(a.toString()) + ")";
        }
        if (v instanceof NetIp.Prefix p) {
            return "cidr(" + quote(p.toString()) + ")";
        }
        if (v instanceof GoUrl u) {
            return "url(" + quote(u.toUrlString()) + ")";
        }
        if (v instanceof KubeQuantity q) {
            return "quantity(" + quote(q.toString()) + ")";
        }
        if (v instanceof KubeSemver sv) {
            return "semver(" + quote(sv.toString()) + ")";
        }
        if (v instanceof KubeExtraLibraries.NamedFormat f) {
            return "format.named(" + quote(KubeExtraLibraries.FORMATS.entrySet().stream()
                    .filter(e -> e.getValue() == f).map(Map.Entry::getKey).findFirst().orElse(f.name())) + ")";
        }
        if (v instanceof java.util.Optional<?> o) {
            return o.isPresent() ? "optional.of(" + format(o.get()) + ")" : "optional.none()";
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            return String.valueOf(v);
        }
        if (v instanceof Double d) {
            return KubeStringFormat.goG(d); // Go's %v of a float64: 2.5, 50703, 1e-09, 1e+21
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? "," : "").append(format(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(e.getKey() instanceof String k ? quote(k) : quote(String.valueOf(e.getKey()))).append(':')
                        .append(format(e.getValue()));
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            return sb.append('}').toString();
        }
        return quote(String.valueOf(v));
    }

    /** A JSON string literal (no HTML escaping: this is for people to read). */
    static String quote(String s) {
        return GoValue.json(s, false);
    }

    /**
     * The value with Java's narrower numbers widened to CEL's (Integer, Short, Byte to Long; Float to Double), as
     * CEL's int and double arithmetic needs; maps and lists are copied only when something inside them changes.
     */
    @SuppressWarnings("unchecked")
    public static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            java.util.LinkedHashMap<Object, Object> out = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object n = normalize(e.getValue());
                if (n != e.getValue() && out == null) {
                    out = new java.util.LinkedHashMap<>(m);
                }
                if (out != null) {
                    out.put(e.getKey(), n);
                }
            }
            return out == null ? m : out;
        }
        if (v instanceof List<?> l) {
            java.util.ArrayList<Object> out = null;
            for (int i = 0; i < l.size(); i++) {
                Object n = normalize(l.get(i));
                if (n != l.get(i) && out == null) {
                    out = new java.util.ArrayList<>(l);
                }
                if (out != null) {
                    out.set(i, n);
                }
            }
            return out == null ? l : out;
        }
        return v;
    }
}
