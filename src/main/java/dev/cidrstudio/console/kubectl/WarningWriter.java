package dev.cidrstudio.console.kubectl;

import java.util.LinkedHashSet;
import java.util.List;

/** How kubectl prints the API server's warnings: one "Warning:" line each, each text once. */
final class WarningWriter {

    private WarningWriter() {
    }

    static String lines(List<String> warnings) {
        StringBuilder sb = new StringBuilder();
        for (String w : new LinkedHashSet<>(warnings)) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
