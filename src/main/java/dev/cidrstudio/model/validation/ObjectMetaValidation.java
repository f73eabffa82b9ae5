package dev.cidrstudio.model.validation;

import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.field.ErrorType;
import dev.cidrstudio.model.field.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * apimachinery's {@code ValidateObjectMeta} and {@code ValidateObjectMetaUpdate} with what they call:
 * {@code ValidateLabels}, {@code ValidateAnnotations} (with the 256 KiB total), {@code ValidateFinalizers} and each
 * kind's name rule ({@link NameFunc}). kube-apiserver runs them on every create and update of every kind.
 */
public final class ObjectMetaValidation {

    /** {@code TotalAnnotationSizeLimitB}: keys and values of all annotations together. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
    /** {@code IsNegativeErrorMsg}. */
    public static final String IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";
    public static final String NAME_REQUIRED = "name or generateName is required";
    public static final String FINALIZER_ORPHAN_DEPENDENTS = "orphan";
    public static final String FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

    /**
     * {@code ValidateNameFunc}: the problems of a name, or of a {@code generateName} prefix when {@code prefix} is
     * set.
     */
    @FunctionalInterface
    public interface NameFunc {
        List<String> validate(String name, boolean prefix);
    }

    /** {@code NameIsDNSSubdomain}. */
    public static final NameFunc NAME_IS_DNS_SUBDOMAIN = (name, prefix) ->
            NameValidation.isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
    /** {@code NameIsDNSLabel}. */
    public static final NameFunc NAME_IS_DNS_LABEL = (name, prefix) ->
            NameValidation.isDns1123Label(prefix ? maskTrailingDash(name) : name);
    /** {@code NameIsDNS1035Label}. */
    public static final NameFunc NAME_IS_DNS1035_LABEL = (name, prefix) ->
            NameValidation.isDns1035Label(prefix ? maskTrailingDash(name) : name);
    /** {@code path.ValidatePathSegmentName}: what every kind's name must be at least (it is part of a URL). */
    public static final NameFunc VALIDATE_PATH_SEGMENT_NAME = (name, prefix) ->
            prefix ? isValidPathSegmentPrefix(name) : NameValidation.isValidPathSegmentName(name);
    /** {@code ValidateNamespaceName}. */
    public static final NameFunc VALIDATE_NAMESPACE_NAME = NAME_IS_DNS_LABEL;

    private ObjectMetaValidation() {
    }

    /** {@code maskTrailingDash}: a generateName prefix may end in '-', the name made from it will not. */
    static String maskTrailingDash(String name) {
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }

    private static List<String> isValidPathSegmentPrefix(String name) {
        List<String> errs = new ArrayList<>();
        for (String illegal : new String[] {"/", "%"}) {
            if (name.contains(illegal)) {
                errs.add("may not contain '" + illegal + "'");
            }
        }
        return errs;
    }

    /** {@code ValidateObjectMeta} on a create, at {@code metadata}. */
    public static List<FieldError> validateObjectMeta(ObjectMeta meta, boolean requiresNamespace, NameFunc nameFn) {
        String path = "metadata";
        List<FieldError> errs = new ArrayList<>();
        String generateName = meta.generateName();
        if (generateName != null && !generateName.isEmpty()) {
            NameValidation.addAll(errs, path + ".generateName", generateName, nameFn.validate(generateName, true));
        }
        String name = meta.name();
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", NAME_REQUIRED));
        } else {
            NameValidation.addAll(errs, path + ".name", name, nameFn.validate(name, false));
        }
        // A cluster-scoped object's namespace is cleared before validation (rest.BeforeCreate), so Go's "not
        // allowed on this type" never shows.
        String namespace = meta.namespace();
        if (requiresNamespace) {
            if (namespace == null || namespace.isEmpty()) {
                errs.add(FieldError.required(path + ".namespace", ""));
            } else {
                NameValidation.addAll(errs, path + ".namespace", namespace,
                        VALIDATE_NAMESPACE_NAME.validate(namespace, false));
            }
        }
        errs.addAll(validateCommon(meta, path));
        return errs;
    }

    /**
     * {@code ValidateObjectMetaUpdate}: what may change is checked as on a create (the server keeps its own fields,
     * and a name or namespace cannot differ, as an update finds the object by them).
     */
    public static List<FieldError> validateObjectMetaUpdate(ObjectMeta meta) {
        return validateCommon(meta, "metadata");
    }

    private static List<FieldError> validateCommon(ObjectMeta meta, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (meta.generation() < 0) {
            errs.add(FieldError.invalid(path + ".generation", Long.toString(meta.generation()),
                    IS_NEGATIVE_ERROR_MSG));
        }
        errs.addAll(validateLabels(meta.labels(), path + ".labels"));
        errs.addAll(validateAnnotations(meta.annotations(), path + ".annotations"));
        errs.addAll(validateFinalizers(meta.finalizers(), path + ".finalizers"));
        return errs;
    }

    /** {@code ValidateLabels}: each key a qualified name, each value a label value (keys in sorted order). */
    public static List<FieldError> validateLabels(Map<String, String> labels, String fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (Map.Entry<String, String> e : sorted(labels).entrySet()) {
            errs.addAll(validateLabelName(e.getKey(), fldPath));
            NameValidation.addAll(errs, fldPath, e.getValue(), NameValidation.isValidLabelValue(e.getValue()));
        }
        return errs;
    }

    /** {@code ValidateLabelName}. */
    public static List<FieldError> validateLabelName(String labelName, String fldPath) {
        List<FieldError> errs = new ArrayList<>();
        NameValidation.addAll(errs, fldPath, labelName, NameValidation.isQualifiedName(labelName));
        return errs;
    }

    /**
     * {@code ValidateAnnotations}: each key a qualified name whatever its case, and all of them with their values
     * within {@link #TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes.
     */
    public static List<FieldError> validateAnnotations(Map<String, String> annotations, String fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (String k : sorted(annotations).keySet()) {
            NameValidation.addAll(errs, fldPath, k, NameValidation.isQualifiedName(k.toLowerCase(Locale.ROOT)));
        }
        if (annotationsSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
            errs.add(tooLong(fldPath, TOTAL_ANNOTATION_SIZE_LIMIT_B));
        }
        return errs;
    }

    /** {@code ValidateAnnotationsSize}'s total: bytes of every key and value, as Go's {@code len} counts them. */
    static long annotationsSize(Map<String, String> annotations) {
        long total = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            total += utf8Length(e.getKey()) + utf8Length(e.getValue());
        }
        return total;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** {@code field.TooLong}: {@code Too long: may not be more than 262144 bytes}. */
    static FieldError tooLong(String field, int maxLength) {
        return new FieldError(ErrorType.TOO_LONG, field, null,
                "may not be more than " + maxLength + (maxLength == 1 ? " byte" : " bytes"));
    }

    /** {@code ValidateFinalizers}: each a qualified name, and not both orphan and foreground deletion. */
    public static List<FieldError> validateFinalizers(List<String> finalizers, String fldPath) {
        List<FieldError> errs = new ArrayList<>();
        boolean orphan = false;
        boolean delete = false;
        for (String f : finalizers) {
            NameValidation.addAll(errs, fldPath, f, NameValidation.isQualifiedName(f));
            orphan |= FINALIZER_ORPHAN_DEPENDENTS.equals(f);
            delete |= FINALIZER_DELETE_DEPENDENTS.equals(f);
        }
        if (orphan && delete) {
            errs.add(FieldError.invalid(fldPath, dev.cidrstudio.model.field.GoValue.strings(finalizers),
                    "finalizer " + FINALIZER_ORPHAN_DEPENDENTS + " and " + FINALIZER_DELETE_DEPENDENTS
                            + " cannot be both set"));
        }
        return errs;
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return m == null ? Map.of() : new TreeMap<>(m);
    }

    /**
     * The metadata of an object the model keeps as written (plain maps), as an {@link ObjectMeta}: what the server
     * would have decoded. Values that are not strings are taken as their text (the decoder refuses them first).
     */
    public static ObjectMeta fromPlain(Object metadata) {
        if (!(metadata instanceof Map<?, ?> m)) {
            return ObjectMeta.named(null);
        }
        List<String> finalizers = new ArrayList<>();
        if (m.get("finalizers") instanceof List<?> l) {
            l.forEach(f -> finalizers.add(f == null ? "" : f.toString()));
        }
        long generation = m.get("generation") instanceof Number n ? n.longValue() : 0;
        return new ObjectMeta(text(m.get("name")), text(m.get("namespace")), null, null, null, null, null,
                strings(m.get("labels")), strings(m.get("annotations")), finalizers, text(m.get("generateName")),
                generation);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : v.toString()));
        }
        return out;
    }
}
