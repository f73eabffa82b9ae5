package dev.cidrstudio.model.field;



/** apimachinery's {@code field.ErrorType}, with the text Kubernetes prints for each. */
public enum ErrorType {
    NOT_FOUND("Not found", true),
    REQUIRED("Required value", false),
    DUPLICATE("Duplicate value", true),
    INVALID("Invalid value", true),
    NOT_SUPPORTED("Unsupported value", true),
    FORBIDDEN("Forbidden", false),
    TOO_LONG("Too long", false),
    TOO_MANY("Too many", true),
    INTERNAL("Internal error", false),
    /** A bare status cause (admission denials): only its message. */
    CAUSE("", false);

    private final String text;
    private final boolean printsValue;

    ErrorType(String text, boolean printsValue) {
        this.text = text;
        this.printsValue = printsValue;
    }

    public String text() {
        return text;
    }

    public boolean printsValue() {
        return printsValue;
    }
}
