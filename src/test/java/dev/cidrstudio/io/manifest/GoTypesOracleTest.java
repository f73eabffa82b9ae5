package dev.cidrstudio.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cidrstudio.io.manifest.GoTypes.Field;
import dev.cidrstudio.io.manifest.GoTypes.GoType;
import dev.cidrstudio.io.manifest.GoTypes.Leaf;
import dev.cidrstudio.io.manifest.GoTypes.LeafKind;
import dev.cidrstudio.io.manifest.GoTypes.MapOf;
import dev.cidrstudio.io.manifest.GoTypes.Slice;
import dev.cidrstudio.io.manifest.GoTypes.Struct;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An independent oracle for {@code go-types.txt}: fabric8's Kubernetes model (generated from the same Go types, by
 * other people) has a Java field for every JSON field; for each kind we cover, every field of ours and theirs is
 * walked together and their JSON types must agree, so a wrong or missing entry in the table fails here.
 */
class GoTypesOracleTest {

    /** Our kinds and fabric8's classes for them. */
    private static final Map<String, String> KINDS = Map.of(
            "v1/Pod", "io.fabric8.kubernetes.api.model.Pod",
            "v1/Node", "io.fabric8.kubernetes.api.model.Node",
            "v1/Event", "io.fabric8.kubernetes.api.model.Event",
            "events.k8s.io/v1/Event", "io.fabric8.kubernetes.api.model.events.v1.Event",
            "discovery.k8s.io/v1/EndpointSlice", "io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice",
            "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
            "io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy",
            "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
            "io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding");

    /**
     * Fields fabric8 7.4.0 (built from Kubernetes 1.33) lacks because a later release added them: each must be
     * marked in our table with that release.
     */
    private static final String FABRIC8_RELEASE = "1.33";

    @Test
    void everyKindIsCovered() {
        assertEquals(KINDS.keySet(), GoTypes.kinds().keySet());
    }

    @Test
    void ourTableAndFabric8AgreeOnEveryField() throws ClassNotFoundException {
        List<String> disagreements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> k : KINDS.entrySet()) {
            compare(GoTypes.kind(k.getKey().substring(0, k.getKey().lastIndexOf('/')),
                    k.getKey().substring(k.getKey().lastIndexOf('/') + 1)), Class.forName(k.getValue()), k.getKey(),
                    disagreements, seen);
        }
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        assertTrue(seen.size() > 150, "structs compared: " + seen.size());
    }

    /** fabric8's JSON properties of a class, by name. */
    private static Map<String, Type> properties(Class<?> c) {
        Map<String, Type> out = new LinkedHashMap<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                if (p != null && !p.value().isEmpty()) {
                    out.putIfAbsent(p.value(), f.getGenericType());
                }
            }
        }
        return out;
    }

    private static void compare(Struct ours, Class<?> theirs, String path, List<String> out, Set<String> seen) {
        if (!seen.add(ours.goName() + "=" + theirs.getName())) {
            return;
        }
        Map<String, Type> props = properties(theirs);
        for (Field f : ours.fields().values()) {
            Type t = props.get(f.jsonName());
            String fp = path + "." + f.jsonName();
            if (t == null) {
                if (f.knownIn(FABRIC8_RELEASE)) {
                    out.add(fp + ": in our " + ours.goName() + ", not in fabric8's " + theirs.getSimpleName());
                }
                continue;
            }
            compareType(f.type(), t, fp, out, seen);
        }
        for (String p : props.keySet()) {
            if (!ours.fields().containsKey(p)) {
                out.add(path + "." + p + ": in fabric8's " + theirs.getSimpleName() + ", not in our " + ours.goName());
            }
        }
    }

    private static void compareType(GoType ours, Type theirs, String path, List<String> out, Set<String> seen) {
        Class<?> raw = theirs instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) theirs;
        if (ours instanceof Slice s) {
            if (!List.class.isAssignableFrom(raw)) {
                out.add(path + ": our " + s.goName() + ", their " + theirs.getTypeName());
                return;
            }
            compareType(s.elem(), ((ParameterizedType) theirs).getActualTypeArguments()[0], path + "[]", out, seen);
        } else if (ours instanceof MapOf m) {
            if (!Map.class.isAssignableFrom(raw)) {
                out.add(path + ": our " + m.goName() + ", their " + theirs.getTypeName());
                return;
            }
            compareType(m.value(), ((ParameterizedType) theirs).getActualTypeArguments()[1], path + "{}", out, seen);
        } else if (ours instanceof Struct s) {
            if (!raw.getName().startsWith("io.fabric8.") || raw.isEnum()) {
                out.add(path + ": our " + s.goName() + ", their " + theirs.getTypeName());
                return;
            }
            compare(s, raw, path, out, seen);
        } else {
            LeafKind kind = ((Leaf) ours).kind();
            String expected = switch (kind) {
                case STRING, TIME -> "java.lang.String";
                case BOOL -> "java.lang.Boolean";
                case INT32 -> "java.lang.Integer";
                case INT64 -> "java.lang.Long";
                case MICRO_TIME -> "io.fabric8.kubernetes.api.model.MicroTime";
                case QUANTITY -> "io.fabric8.kubernetes.api.model.Quantity";
                case INT_OR_STRING -> "io.fabric8.kubernetes.api.model.IntOrString";
                case ANY -> "io.fabric8.kubernetes.api.model.FieldsV1";
            };
            if (!raw.getName().equals(expected)) {
                out.add(path + ": our " + ours.goName() + " (" + kind + "), their " + theirs.getTypeName());
            }
        }
    }
}
