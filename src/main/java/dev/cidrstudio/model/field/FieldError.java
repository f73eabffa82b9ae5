package dev.cidrstudio.model.field;

import java.util.stream.Collectors;

/**
 * One validation error, as apimachinery's {@code field.Error}: the field path, the type, the bad value already
 * rendered the Go way (or null when the type prints none), the detail, and, for lists and structs, the bad value as
 * JSON (how apimachinery prints them from Kubernetes 1.34; null when both print alike).
 */
public record FieldError(ErrorType type, String field, String renderedValue, String detail, String jsonValue) {

    public FieldError(ErrorType type, String field, String renderedValue, String detail) {
        this(type, field, renderedValue, detail, null);
    }

    public static FieldError invalid(String field, GoValue.Rendered value, String detail) {
        return new FieldError(ErrorType.INVALID, field, value.go(), detail, value.json());
    }

    public static FieldError duplicate(String field, GoValue.Rendered value) {
        return new FieldError(ErrorType.DUPLICATE, field, value.go(), "", value.json());
    }

    /** This error with its value printed one way: as JSON (1.34 on) or Go's {@code %#v} (1.33). */
    public FieldError styled(boolean json) {
        if (jsonValue == null) {
            return this;
        }
        return new FieldError(type, field, json ? jsonValue : renderedValue, detail, null);
    }

    public static FieldError invalid(String field, String renderedValue, String detail) {
        return new FieldError(ErrorType.INVALID, field, renderedValue, detail);
    }

    public static FieldError invalidString(String field, String value, String detail) {
        return new FieldError(ErrorType.INVALID, field, GoValue.quote(value), detail);
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(ErrorType.REQUIRED, field, null, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(ErrorType.FORBIDDEN, field, null, detail);
    }

    public static FieldError duplicate(String field, String renderedValue) {
        return new FieldError(ErrorType.DUPLICATE, field, renderedValue, "");
    }

    /** {@code field.TooMany}: {@code Too many: 65: must have at most 64 items}. */
    public static FieldError tooMany(String field, int actual, int max) {
        return new FieldError(ErrorType.TOO_MANY, field, String.valueOf(actual), "must have at most " + max + " items");
    }

    public static FieldError internal(String field, String detail) {
        return new FieldError(ErrorType.INTERNAL, field, null, detail);
    }

    /** A status cause that is only a message, as admission plugins give ({@code StatusCause{Message: m}}). */
    public static FieldError cause(String field, String message) {
        return new FieldError(ErrorType.CAUSE, field, null, message);
    }

    /** {@code field.NotSupported}: the detail lists the quoted supported values, sorted, joined by ", ". */
    public static FieldError notSupported(String field, String value, java.util.Collection<String> supported) {
        String list = supported.stream().sorted().map(GoValue::quote)
                .collect(Collectors.joining(", "));
        return new FieldError(ErrorType.NOT_SUPPORTED, field, GoValue.quote(value), "supported values: " + list);
    }

    /**
     * What follows the field path: {@code Invalid value: "x": detail}. This is a status cause's message. Lists and
     * structs print as JSON, as the default release (1.34) does; {@link #styled(boolean)} picks the other way.
     */
    public String body() {
        if (type == ErrorType.CAUSE) {
            return detail;
        }
        StringBuilder sb = new StringBuilder(type.text());
        if (type.printsValue()) {
            String v = jsonValue != null ? jsonValue : renderedValue;
            sb.append(": ").append(v == null ? "null" : v);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }
}
