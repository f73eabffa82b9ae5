package dev.cidrstudio.model.field;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Helpers over lists of field errors, matching {@code field.ErrorList.ToAggregate()}. */
public final class ErrorList {

    private ErrorList() {
    }

    /** One error prints alone; several print as {@code [e1, e2]} with exact duplicates removed. */
    public static String aggregate(List<FieldError> errors) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(errors.stream().map(FieldError::toString).toList()));
        if (unique.size() == 1) {
            return unique.get(0);
        }
        return "[" + String.join(", ", unique) + "]";
    }

    /** The errors with their values printed one way (see {@link FieldError#styled(boolean)}). */
    public static List<FieldError> styled(List<FieldError> errors, boolean json) {
        return errors.stream().map(e -> e.styled(json)).toList();
    }

    public static List<FieldError> dedupe(List<FieldError> errors) {
        return new ArrayList<>(new LinkedHashSet<>(errors));
    }
}
