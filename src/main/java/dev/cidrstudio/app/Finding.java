package dev.cidrstudio.app;

import dev.cidrstudio.io.yaml.Mark;

/** One thing to report about an input: an error, a warning (a real cluster would complain), or a note. */
public record Finding(Severity severity, String source, Mark mark, String message) {

    public enum Severity {
        ERROR("error"), WARNING("warning"), INFO("info");

        private final String word;

        Severity(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** {@code FILE:LINE: error|warning|info: MESSAGE}. */
    public String describe() {
        String where = source == null ? "" : source
                + (mark != null && mark.line() > 0 ? ":" + mark.line() : "") + ": ";
        return where + severity.word() + ": " + message;
    }
}
