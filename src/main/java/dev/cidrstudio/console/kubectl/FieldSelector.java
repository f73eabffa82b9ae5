package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --field-selector}, as the API server answers a list with one: {@code KEY=VALUE}, {@code KEY==VALUE} and
 * {@code KEY!=VALUE} terms joined by commas, over the fields each registry makes selectable
 * ({@code metadata.name} and {@code metadata.namespace} everywhere; a Service's {@code spec.clusterIP} and
 * {@code spec.type}; a Namespace's {@code status.phase}).
 */
final class FieldSelector {

    /** A selector the server refuses, with its reason as the server words it. */
    static final class FieldSelectorException extends Exception {
        private static final long serialVersionUID = 1L;

        FieldSelectorException(String message) {
            super(message);
        }
    }

    private record Term(String key, boolean equal, String value) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    /** {@code fields.ParseSelector}. */
    static FieldSelector parse(String text) throws FieldSelectorException {
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int ne = part.indexOf("!=");
            int eqeq = part.indexOf("==");
            int eq = part.indexOf('=');
            if (ne >= 0) {
                terms.add(new Term(part.substring(0, ne), false, part.substring(ne + 2)));
            } else if (eqeq >= 0) {
                terms.add(new Term(part.substring(0, eqeq), true, part.substring(eqeq + 2)));
            } else if (eq >= 0) {
                terms.add(new Term(part.substring(0, eq), true, part.substring(eq + 1)));
            } else {
                throw new FieldSelectorException("invalid selector: '" + text + "'; can't understand '" + part + "'");
            }
        }
        return new FieldSelector(terms);
    }

    /** The group, version and resource as kubectl names them in a list error. */
    static String gvr(Kind k) {
        String version = k.apiVersion().contains("/") ? k.apiVersion() : "/" + k.apiVersion();
        return version + ", Resource=" + k.plural();
    }

    List<KubeObject> filter(Kind kind, List<KubeObject> objects) throws FieldSelectorException {
        List<KubeObject> out = new ArrayList<>();
        for (KubeObject o : objects) {
            Map<String, String> fields = selectableFields(o);
            boolean matches = true;
            for (Term t : terms) {
                if (!fields.containsKey(t.key())) {
                    throw new FieldSelectorException("field label not supported: " + t.key());
                }
                matches &= t.equal() == fields.get(t.key()).equals(t.value());
            }
            if (matches) {
                out.add(o);
            }
        }
        if (objects.isEmpty()) {
            Map<String, String> known = selectableFields(null, kind);
            for (Term t : terms) {
                if (!known.containsKey(t.key())) {
                    throw new FieldSelectorException("field label not supported: " + t.key());
                }
            }
        }
        return out;
    }

    private static Map<String, String> selectableFields(KubeObject o) {
        return selectableFields(o, o.kind());
    }

    /** Each registry's {@code SelectableFields}. */
    private static Map<String, String> selectableFields(KubeObject o, Kind kind) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("metadata.name", o == null ? "" : o.name());
        if (kind.namespaced()) {
            f.put("metadata.namespace", o == null || o.namespace() == null ? "" : o.namespace());
        }
        if (kind == Kind.SERVICE) {
            Service s = (Service) o;
            f.put("spec.clusterIP", s == null || s.spec().clusterIP() == null ? "" : s.spec().clusterIP());
            f.put("spec.type", s == null || s.spec().type() == null ? "" : s.spec().type());
        }
        if (kind == Kind.NAMESPACE) {
            Namespace n = (Namespace) o;
            f.put("status.phase", n == null || n.phase() == null ? "" : n.phase());
        }
        return f;
    }
}
