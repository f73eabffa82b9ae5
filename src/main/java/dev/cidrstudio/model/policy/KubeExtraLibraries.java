package dev.cidrstudio.model.policy;

import static dev.cidrstudio.model.policy.CelDecls.fn;
import static dev.cidrstudio.model.policy.CelDecls.global;
import static dev.cidrstudio.model.policy.CelDecls.member;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Kubernetes' CEL libraries beyond ip, cidr, lists and regex ({@code k8s.io/apiserver/pkg/cel/library}):
 * {@code url()} and its accessors (Go's net/url rules), the named string formats of {@code format.*} with
 * apimachinery's messages, {@code semver()} (blang/semver, with the {@code normalize} flag) and
 * {@code quantity()} (apimachinery's resource.Quantity: compare, add, subtract, convert).
 */
final class KubeExtraLibraries {

    static final OpaqueType URL_T = OpaqueType.create("kubernetes.URL");
    static final OpaqueType FORMAT_T = OpaqueType.create("kubernetes.NamedFormat");
    static final OpaqueType SEMVER_T = OpaqueType.create("kubernetes.Semver");
    static final OpaqueType QUANTITY_T = OpaqueType.create("kubernetes.Quantity");

    /** A named format: its validation, as {@code <Format>.validate(s)} runs it. */
    record NamedFormat(String name, Function<String, List<String>> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?$");

    /** The formats {@code format.named()} knows, each also a {@code format.<name>()} function. */
    static final Map<String, NamedFormat> FORMATS = formats();

    private KubeExtraLibraries() {
    }

    private static Map<String, NamedFormat> formats() {
        Map<String, NamedFormat> m = new LinkedHashMap<>();
        m.put("dns1123Label", new NamedFormat("DNS1123Label", NameValidation::isDns1123Label));
        m.put("dns1123Subdomain", new NamedFormat("DNS1123Subdomain", NameValidation::isDns1123Subdomain));
        m.put("dns1035Label", new NamedFormat("DNS1035Label", NameValidation::isDns1035Label));
        m.put("qualifiedName", new NamedFormat("QualifiedName", NameValidation::isQualifiedName));
        m.put("dns1123LabelPrefix", new NamedFormat("DNS1123LabelPrefix",
                s -> NameValidation.isDns1123Label(maskTrailingDash(s))));
        m.put("dns1123SubdomainPrefix", new NamedFormat("DNS1123SubdomainPrefix",
                s -> NameValidation.isDns1123Subdomain(maskTrailingDash(s))));
        m.put("dns1035LabelPrefix", new NamedFormat("DNS1035LabelPrefix",
                s -> NameValidation.isDns1035Label(maskTrailingDash(s))));
        m.put("labelValue", new NamedFormat("LabelValue", NameValidation::isValidLabelValue));
        m.put("uri", new NamedFormat("URI", s -> {
            try {
                GoUrl.parseRequestUri(s);
                return List.of();
            } catch (GoUrl.UrlException e) {
                return List.of(e.getMessage());
            }
        }));
        m.put("uuid", new NamedFormat("uuid", s -> UUID.matcher(s).matches() ? List.of()
                : List.of("does not match the UUID format")));
        m.put("byte", new NamedFormat("byte", s -> base64(s) ? List.of() : List.of("invalid base64")));
        m.put("date", new NamedFormat("date", s -> date(s) ? List.of() : List.of("invalid date")));
        m.put("datetime", new NamedFormat("datetime", s -> dateTime(s) ? List.of() : List.of("invalid datetime")));
        return m;
    }

    /** apimachinery's maskTrailingDash: a name prefix may end in '-' (generateName). */
    private static String maskTrailingDash(String s) {
        return s.length() > 1 && s.endsWith("-") ? s.substring(0, s.length() - 2) + "a" : s;
    }

    private static boolean base64(String s) {
        if (s.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean date(String s) {
        if (!DATE.matcher(s).matches()) {
            return false;
        }
        try {
            java.time.LocalDate.parse(s);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static boolean dateTime(String s) {
        var m = DATE_TIME.matcher(s);
        if (!m.matches() || !date(m.group(1))) {
            return false;
        }
        int h = Integer.parseInt(m.group(2));
        int min = Integer.parseInt(m.group(3));
        int sec = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return h < 24 && min < 60 && sec < 60;
    }

    static List<CelFunctionDecl> declarations() {
        CelType s = SimpleType.STRING;
        CelType b = SimpleType.BOOL;
        CelType i = SimpleType.INT;
        List<CelFunctionDecl> out = new ArrayList<>(List.of(
                fn("url", global("string_to_url", URL_T, s)),
                fn("isURL", global("is_url_string", b, s)),
                fn("getScheme", member("url_get_scheme", s, URL_T)),
                fn("getHost", member("url_get_host", s, URL_T)),
                fn("getHostname", member("url_get_hostname", s, URL_T)),
                fn("getPort", member("url_get_port", s, URL_T)),
                fn("getEscapedPath", member("url_get_escaped_path", s, URL_T)),
                fn("getQuery", member("url_get_query", MapType.create(s, ListType.create(s)), URL_T)),
                fn("validate", member("format-validate", OptionalType.create(ListType.create(s)), FORMAT_T, s)),
                fn("format.named", global("format-named", OptionalType.create(FORMAT_T), s)),
                fn("semver", global("string_to_semver", SEMVER_T, s), global("string_bool_to_semver", SEMVER_T, s, b)),
                fn("isSemver", global("is_semver_string", b, s), global("is_semver_string_bool", b, s, b)),
                fn("isGreaterThan", member("semver_is_greater_than", b, SEMVER_T, SEMVER_T),
                        member("quantity_is_greater_than", b, QUANTITY_T, QUANTITY_T)),
                fn("isLessThan", member("semver_is_less_than", b, SEMVER_T, SEMVER_T),
                        member("quantity_is_less_than", b, QUANTITY_T, QUANTITY_T)),
                fn("compareTo", member("semver_compare_to", i, SEMVER_T, SEMVER_T),
                        member("quantity_compare_to", i, QUANTITY_T, QUANTITY_T)),
                fn("quantity", global("string_to_quantity", QUANTITY_T, s)),
                fn("isQuantity", global("is_quantity_string", b, s)),
                // Declared as a global function in Kubernetes' source: sign(q), not q.sign().
                fn("sign", global("quantity_sign", i, QUANTITY_T)),
                fn("asApproximateFloat", member("quantity_get_float", SimpleType.DOUBLE, QUANTITY_T)),
                fn("asInteger", member("quantity_get_int", i, QUANTITY_T)),
                fn("isInteger", member("quantity_is_integer", b, QUANTITY_T)),
                fn("add", member("quantity_add", QUANTITY_T, QUANTITY_T, QUANTITY_T),
                        member("quantity_add_int", QUANTITY_T, QUANTITY_T, i)),
                fn("sub", member("quantity_sub", QUANTITY_T, QUANTITY_T, QUANTITY_T),
                        member("quantity_sub_int", QUANTITY_T, QUANTITY_T, i)),
                fn("major", member("semver_major", i, SEMVER_T)),
                fn("minor", member("semver_minor", i, SEMVER_T)),
                fn("patch", member("semver_patch", i, SEMVER_T))));
        for (String name : FORMATS.keySet()) {
            out.add(fn("format." + name, global("format." + name, FORMAT_T)));
        }
        return out;
    }

    private static GoUrl url(String s) throws CelEvaluationException {
        try {
            GoUrl.parseRequestUri(s);
            return GoUrl.parse(s);
        } catch (GoUrl.UrlException e) {
            throw new CelEvaluationException("URL parse error during conversion from string: " + e.getMessage());
        }
    }

    private static KubeQuantity quantity(String s) throws CelEvaluationException {
        try {
            return KubeQuantity.parse(s);
        } catch (KubeQuantity.QuantityException e) {
            throw new CelEvaluationException(e.getMessage());
        }
    }

    private static KubeSemver semver(String s, boolean normalize) throws CelEvaluationException {
        try {
            return normalize ? KubeSemver.parseNormalized(s) : KubeSemver.parse(s);
        } catch (KubeSemver.SemverException e) {
            throw new CelEvaluationException(e.getMessage());
        }
    }

    private static boolean isSemver(String s, boolean normalize) {
        try {
            semver(s, normalize);
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> out = new ArrayList<>(List.of(
                CelFunctionBinding.from("string_to_url", String.class, KubeExtraLibraries::url),
                CelFunctionBinding.from("is_url_string", String.class, s -> {
                    try {
                        GoUrl.parseRequestUri(s);
                        return true;
                    } catch (GoUrl.UrlException e) {
                        return false;
                    }
                }),
                CelFunctionBinding.from("url_get_scheme", GoUrl.class, GoUrl::scheme),
                CelFunctionBinding.from("url_get_host", GoUrl.class, GoUrl::host),
                CelFunctionBinding.from("url_get_hostname", GoUrl.class, GoUrl::hostname),
                CelFunctionBinding.from("url_get_port", GoUrl.class, GoUrl::port),
                CelFunctionBinding.from("url_get_escaped_path", GoUrl.class, GoUrl::escapedPath),
                CelFunctionBinding.from("url_get_query", GoUrl.class, GoUrl::query),
                CelFunctionBinding.from("format-validate", NamedFormat.class, String.class, (f, v) -> {
                    List<String> errs = f.check().apply(v);
                    return errs.isEmpty() ? Optional.empty() : Optional.of(errs);
                }),
                CelFunctionBinding.from("format-named", String.class,
                        n -> Optional.ofNullable(FORMATS.get(n))),
                CelFunctionBinding.from("string_to_semver", String.class, s -> semver(s, false)),
                CelFunctionBinding.from("string_bool_to_semver", String.class, Boolean.class, KubeExtraLibraries::semver),
                CelFunctionBinding.from("is_semver_string", String.class, s -> isSemver(s, false)),
                CelFunctionBinding.from("is_semver_string_bool", String.class, Boolean.class,
                        KubeExtraLibraries::isSemver),
                CelFunctionBinding.from("semver_is_greater_than", KubeSemver.class, KubeSemver.class,
                        (a, c) -> a.compareTo(c) > 0),
                CelFunctionBinding.from("semver_is_less_than", KubeSemver.class, KubeSemver.class,
                        (a, c) -> a.compareTo(c) < 0),
                CelFunctionBinding.from("semver_compare_to", KubeSemver.class, KubeSemver.class,
                        (a, c) -> (long) a.compareTo(c)),
                CelFunctionBinding.from("semver_major", KubeSemver.class, KubeSemver::major),
                CelFunctionBinding.from("string_to_quantity", String.class, KubeExtraLibraries::quantity),
                CelFunctionBinding.from("is_quantity_string", String.class, q -> {
                    try {
                        KubeQuantity.parse(q);
                        return true;
                    } catch (KubeQuantity.QuantityException e) {
                        return false;
                    }
                }),
                CelFunctionBinding.from("quantity_sign", KubeQuantity.class, KubeQuantity::sign),
                CelFunctionBinding.from("quantity_is_greater_than", KubeQuantity.class, KubeQuantity.class,
                        (a, c) -> a.compareTo(c) > 0),
                CelFunctionBinding.from("quantity_is_less_than", KubeQuantity.class, KubeQuantity.class,
                        (a, c) -> a.compareTo(c) < 0),
                CelFunctionBinding.from("quantity_compare_to", KubeQuantity.class, KubeQuantity.class,
                        (a, c) -> (long) a.compareTo(c)),
                CelFunctionBinding.from("quantity_get_float", KubeQuantity.class, KubeQuantity::asApproximateFloat),
                CelFunctionBinding.from("quantity_get_int", KubeQuantity.class, q -> q.asLong().orElseThrow(
                        () -> new CelEvaluationException("cannot convert value to integer"))),
                CelFunctionBinding.from("quantity_is_integer", KubeQuantity.class, q -> q.asLong().isPresent()),
                CelFunctionBinding.from("quantity_add", KubeQuantity.class, KubeQuantity.class, KubeQuantity::add),
                CelFunctionBinding.from("quantity_add_int", KubeQuantity.class, Long.class,
                        (a, n) -> a.add(KubeQuantity.of(n))),
                CelFunctionBinding.from("quantity_sub", KubeQuantity.class, KubeQuantity.class, KubeQuantity::sub),
                CelFunctionBinding.from("quantity_sub_int", KubeQuantity.class, Long.class,
                        (a, n) -> a.sub(KubeQuantity.of(n))),
                CelFunctionBinding.from("semver_minor", KubeSemver.class, KubeSemver::minor),
                CelFunctionBinding.from("semver_patch", KubeSemver.class, KubeSemver::patch)));
        for (Map.Entry<String, NamedFormat> e : FORMATS.entrySet()) {
            NamedFormat f = e.getValue();
            out.add(CelFunctionBinding.from("format." + e.getKey(), List.of(), args -> f));
        }
        return out;
    }
}
