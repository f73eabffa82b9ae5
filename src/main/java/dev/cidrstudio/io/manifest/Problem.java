package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;

/**
 * One thing wrong in an input file: where (file, line, column, field path) and what. {@code kubeMessage} is the
 * text kube-apiserver would answer for the same mistake, where it has one.
 */
public record Problem(String source, Mark mark, String field, String message, String kubeMessage) {

    /** {@code FILE:LINE:COL: field: message}, the form the CLI and the GUI show. */
    public String describe() {
        StringBuilder sb = new StringBuilder(source);
        if (mark != null && mark.line() > 0) {
            sb.append(':').append(mark.line()).append(':').append(mark.column());
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
