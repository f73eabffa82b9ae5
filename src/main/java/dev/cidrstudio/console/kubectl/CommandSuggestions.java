package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * cobra's {@code SuggestionsFor} over kubectl's top-level commands: a command is suggested for an unknown word when
 * it is within {@link #SUGGESTIONS_MINIMUM_DISTANCE} edits of it (case ignored), starts with it, or names it among
 * its {@code SuggestFor} words.
 */
public final class CommandSuggestions {

    /** cobra's default {@code SuggestionsMinimumDistance}. */
    static final int SUGGESTIONS_MINIMUM_DISTANCE = 2;

    /** kubectl's available commands in the order it adds them (its help groups, then the others). */
    private static final List<String> COMMANDS = List.of("create", "expose", "run", "set", "explain", "get", "edit",
            "delete", "rollout", "scale", "autoscale", "certificate", "cluster-info", "top", "cordon", "uncordon",
            "drain", "taint", "describe", "logs", "attach", "exec", "port-forward", "proxy", "cp", "auth", "debug",
            "events", "diff", "apply", "patch", "replace", "wait", "kustomize", "label", "annotate", "completion",
            "alpha", "config", "plugin", "version", "api-versions", "api-resources", "options");

    /** The commands' {@code SuggestFor} words. */
    private static final Map<String, List<String>> SUGGEST_FOR = Map.of("delete", List.of("rm"), "get",
            List.of("list", "ps"), "wait", List.of("list", "ps"));

    private CommandSuggestions() {
    }

    /** kubectl's error for a word that names no command, with cobra's "Did you mean this?" list. */
    public static String unknownCommand(String typed, KubeVersion version) {
        StringBuilder sb = new StringBuilder("error: unknown command \"").append(typed).append("\" for \"kubectl\"\n");
        List<String> suggestions = suggestionsFor(typed, version);
        if (!suggestions.isEmpty()) {
            sb.append("\nDid you mean this?\n");
            suggestions.forEach(s -> sb.append('\t').append(s).append('\n'));
        }
        return sb.toString();
    }

    static List<String> suggestionsFor(String typed, KubeVersion version) {
        List<String> out = new ArrayList<>();
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String command : COMMANDS) {
            // alpha is shown only when the release has alpha subcommands (1.35's kuberc).
            if (command.equals("alpha") && version != KubeVersion.V1_35) {
                continue;
            }
            if (levenshtein(lower, command) <= SUGGESTIONS_MINIMUM_DISTANCE || command.startsWith(lower)) {
                out.add(command);
            }
            for (String word : SUGGEST_FOR.getOrDefault(command, List.of())) {
                if (word.equalsIgnoreCase(typed)) {
                    out.add(command);
                }
            }
        }
        return out;
    }

    private static int levenshtein(String s, String t) {
        int[] prev = new int[t.length() + 1];
        int[] cur = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[t.length()];
    }
}
