package dev.cidrstudio.model.validation;

import dev.cidrstudio.model.field.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** apimachinery's name and DNS checks, with their exact messages. */
public final class NameValidation {

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile("^" + DNS1123_LABEL_FMT + "$");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    private static final Pattern DNS1035_LABEL = Pattern.compile("^" + DNS1035_LABEL_FMT + "$");

    public static final String DNS1123_SUBDOMAIN_ERROR = regexError(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
                    + "start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com");
    public static final String DNS1123_LABEL_ERROR = regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
                    + "and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc");
    public static final String DNS1035_LABEL_ERROR = regexError(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                    + "character, and end with an alphanumeric character", DNS1035_LABEL_FMT, "my-name", "abc-123");

    private NameValidation() {
    }

    /** apimachinery's {@code RegexError}: examples are listed with a quirky double space between them. */
    static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg);
        if (examples.length > 0) {
            sb.append(" (e.g. ");
            for (int i = 0; i < examples.length; i++) {
                if (i > 0) {
                    sb.append(" or ");
                }
                sb.append('\'').append(examples[i]).append("', ");
            }
            sb.append("regex used for validation is '").append(fmt).append("')");
        } else {
            sb.append(" (regex used for validation is '").append(fmt).append("')");
        }
        return sb.toString();
    }

    public static String maxLenError(int n) {
        return "must be no more than " + n + " characters";
    }

    public static List<String> isDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLenError(253));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(DNS1123_SUBDOMAIN_ERROR);
        }
        return errs;
    }

    public static List<String> isDns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            errs.add(DNS1123_LABEL_ERROR);
        }
        return errs;
    }

    public static List<String> isDns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(DNS1035_LABEL_ERROR);
        }
        return errs;
    }

    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character";

    /** apimachinery's IsQualifiedName. */
    public static List<String> isQualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String m : isDns1123Subdomain(prefix)) {
                    errs.add("prefix part " + m);
                }
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLenError(63));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc"));
        }
        return errs;
    }

    private static final Pattern LABEL_VALUE = Pattern.compile("^(" + QUALIFIED_NAME_FMT + ")?$");

    /** apimachinery's IsValidLabelValue. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', "
                    + "'_' or '.', and must start and end with an alphanumeric character",
                    "(" + QUALIFIED_NAME_FMT + ")?", "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** {@code IsValidPathSegmentName}. */
    public static List<String> isValidPathSegmentName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.equals(".") || name.equals("..")) {
            errs.add("may not be '" + name + "'");
            return errs;
        }
        for (String illegal : new String[] {"/", "%"}) {
            if (name.contains(illegal)) {
                errs.add("may not contain '" + illegal + "'");
            }
        }
        return errs;
    }

    public static void addAll(List<FieldError> into, String field, String value, List<String> details) {
        for (String d : details) {
            into.add(FieldError.invalidString(field, value, d));
        }
    }

    /** {@code ValidateObjectMeta}'s name part, with the kind's name rule. */
    public static List<FieldError> validateName(String name, java.util.function.Function<String, List<String>> rule) {
        List<FieldError> errs = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            return errs;
        }
        addAll(errs, "metadata.name", name, rule.apply(name));
        return errs;
    }
}
