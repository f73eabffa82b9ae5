package dev.cidrstudio.model.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A label selector in kubectl's string syntax: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k},
 * {@code k in (a,b)}, {@code k notin (a,b)}, joined by commas (all must hold).
 */
public final class LabelSelector {

    private enum Op { EQUALS, NOT_EQUALS, EXISTS, NOT_EXISTS, IN, NOT_IN }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** Parses a selector; throws {@link IllegalArgumentException} with a kubectl-like message when malformed. */
    public static LabelSelector parse(String text) {
        List<Requirement> reqs = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher set = java.util.regex.Pattern.compile("^(\\S+)\\s+(in|notin)\\s+\\((.*)\\)$")
                    .matcher(p);
            if (set.matches()) {
                Set<String> values = new TreeSet<>();
                for (String v : set.group(3).split(",")) {
                    values.add(v.trim());
                }
                reqs.add(new Requirement(set.group(1), "in".equals(set.group(2)) ? Op.IN : Op.NOT_IN, values));
            } else if (p.contains("!=")) {
                String[] kv = p.split("!=", 2);
                reqs.add(new Requirement(kv[0].trim(), Op.NOT_EQUALS, Set.of(kv[1].trim())));
            } else if (p.contains("==")) {
                String[] kv = p.split("==", 2);
                reqs.add(new Requirement(kv[0].trim(), Op.EQUALS, Set.of(kv[1].trim())));
            } else if (p.contains("=")) {
                String[] kv = p.split("=", 2);
                reqs.add(new Requirement(kv[0].trim(), Op.EQUALS, Set.of(kv[1].trim())));
            } else if (p.startsWith("!")) {
                reqs.add(new Requirement(p.substring(1).trim(), Op.NOT_EXISTS, Set.of()));
            } else if (p.matches("[A-Za-z0-9._/-]+")) {
                reqs.add(new Requirement(p, Op.EXISTS, Set.of()));
            } else {
                throw new IllegalArgumentException("unable to parse requirement: found '" + p + "', expected: "
                        + "'=', '!=', '==', 'in', notin'");
            }
        }
        return new LabelSelector(reqs);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }
}
