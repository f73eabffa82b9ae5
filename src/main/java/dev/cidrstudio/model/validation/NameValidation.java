package dev.cidrstudio.model.validation;

import dev.cidrstudio.model.field.FieldError;
import java.util.ArrayList;
import java.util.List;

/** apimachinery's name and DNS checks, with their exact messages. */
public final class NameValidation {

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";

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

    // The forms below are the regular expressions above, checked in one pass: a name of megabytes is judged in
    // linear time and constant stack, which a backtracking regex engine does not promise.

    private static boolean lowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean alnum(char c) {
        return lowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    /** {@code DNS1123_LABEL_FMT}, or with {@code dns1035} {@code DNS1035_LABEL_FMT}, over {@code s[from, to)}. */
    private static boolean isLabelForm(String s, int from, int to, boolean dns1035) {
        if (to <= from) {
            return false;
        }
        char first = s.charAt(from);
        if (dns1035 ? !(first >= 'a' && first <= 'z') : !lowerAlnum(first)) {
            return false;
        }
        if (!lowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!lowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code DNS1123_SUBDOMAIN_FMT}: labels joined by dots. */
    private static boolean isDns1123SubdomainForm(String s) {
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabelForm(s, start, i, false)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** {@code QUALIFIED_NAME_FMT}. */
    private static boolean isQualifiedNameForm(String s) {
        if (s.isEmpty() || !alnum(s.charAt(0)) || !alnum(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (!alnum(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    public static String maxLenError(int n) {
        return "must be no more than " + n + " characters";
    }

    public static List<String> isDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLenError(253));
        }
        if (!isDns1123SubdomainForm(value)) {
            errs.add(DNS1123_SUBDOMAIN_ERROR);
        }
        return errs;
    }

    public static List<String> isDns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!isLabelForm(value, 0, value.length(), false)) {
            errs.add(DNS1123_LABEL_ERROR);
        }
        return errs;
    }

    public static List<String> isDns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!isLabelForm(value, 0, value.length(), true)) {
            errs.add(DNS1035_LABEL_ERROR);
        }
        return errs;
    }

    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
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
        if (!isQualifiedNameForm(name)) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
                    "123-abc"));
        }
        return errs;
    }


    /** apimachinery's IsValidLabelValue. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!(value.isEmpty() || isQualifiedNameForm(value))) {
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
