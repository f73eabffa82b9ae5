package dev.cidrstudio.console;

import dev.cidrstudio.model.cluster.Status;
import dev.cidrstudio.model.field.FieldError;

/** How kubectl's {@code CheckErr} turns an API error into the text on standard error. */
final class KubectlErrors {

    private KubectlErrors() {
    }

    /**
     * A failed API call. {@code source} is the file the object came from ("STDIN" for {@code -f -}), or null;
     * kubectl's {@code AddSourceToErr} puts it into the message.
     */
    static String forStatus(Status s, String verb, String source) {
        if (Status.INVALID.equals(s.reason()) && (s.kind() != null || s.name() != null)) {
            String prefix = "The " + s.kind() + " \"" + s.name() + "\" is invalid: ";
            if (s.causes().size() == 1) {
                return prefix + cause(s.causes().get(0)) + "\n";
            }
            StringBuilder sb = new StringBuilder(prefix).append('\n');
            for (FieldError e : s.causes()) {
                sb.append("* ").append(cause(e)).append('\n');
            }
            return sb.toString();
        }
        String message = s.message();
        if (source != null) {
            // AddSourceToErr rewrites the Status message before CheckErr sees it, whatever the reason.
            message = "error when " + verb + " \"" + source + "\": " + message;
        }
        if (s.code() == 401) {
            return "error: You must be logged in to the server (" + message + ")\n";
        }
        return "Error from server (" + s.reason() + "): " + message + "\n";
    }

    /** A status cause as kubectl prints it: {@code field: message}. */
    static String cause(FieldError e) {
        return e.field() + ": " + e.body();
    }
}
