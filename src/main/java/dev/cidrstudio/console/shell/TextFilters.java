package dev.cidrstudio.console.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** {@code head}, {@code tail}, {@code wc}, {@code sort} and {@code uniq} over standard input. */
final class TextFilters {

    private TextFilters() {
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }

    private static String joined(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** The count of {@code -n N}, {@code -nN} or {@code -N}; null when the arguments are not that. */
    private static Integer count(List<String> args) {
        if (args.isEmpty()) {
            return 10;
        }
        String n = null;
        if (args.size() == 2 && args.get(0).equals("-n")) {
            n = args.get(1);
        } else if (args.size() == 1 && args.get(0).matches("-n?\\+?[0-9]+")) {
            n = args.get(0).replaceFirst("^-n?", "");
        }
        if (n == null || !n.matches("\\+?[0-9]{1,9}")) {
            return null;
        }
        return n.startsWith("+") ? -Integer.parseInt(n.substring(1)) : Integer.parseInt(n);
    }

    static ExecResult head(List<String> args, String stdin) {
        Integer n = count(args);
        if (n == null || n < 0) {
            return ExecResult.error("head: invalid option or number of lines: " + String.join(" ", args), 1);
        }
        List<String> l = lines(stdin);
        return ExecResult.ok(joined(l.subList(0, Math.min(n, l.size()))));
    }

    static ExecResult tail(List<String> args, String stdin) {
        Integer n = count(args);
        if (n == null) {
            return ExecResult.error("tail: invalid option or number of lines: " + String.join(" ", args), 1);
        }
        List<String> l = lines(stdin);
        int from = n < 0 ? Math.min(l.size(), Math.max(0, -n - 1)) : Math.max(0, l.size() - n);
        return ExecResult.ok(joined(l.subList(from, l.size())));
    }

    static ExecResult wc(List<String> args, String stdin) {
        long lines = stdin.chars().filter(c -> c == '\n').count();
        long words = stdin.isBlank() ? 0 : stdin.strip().split("\\s+").length;
        long chars = stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        List<Long> shown = new ArrayList<>();
        for (String a : args) {
            if (!a.matches("-[lwcm]+")) {
                return ExecResult.error("wc: invalid option -- '" + a + "'", 1);
            }
        }
        String flags = String.join("", args);
        if (flags.isEmpty()) {
            return ExecResult.ok(String.format("%7d %7d %7d%n", lines, words, chars));
        }
        if (flags.contains("l")) {
            shown.add(lines);
        }
        if (flags.contains("w")) {
            shown.add(words);
        }
        if (flags.contains("c") || flags.contains("m")) {
            shown.add(chars);
        }
        if (shown.size() == 1) {
            return ExecResult.ok(shown.get(0) + "\n");
        }
        StringBuilder sb = new StringBuilder();
        for (Long v : shown) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%7d", v));
        }
        return ExecResult.ok(sb.append('\n').toString());
    }

    static ExecResult sort(List<String> args, String stdin) {
        boolean reverse = false;
        boolean numeric = false;
        boolean unique = false;
        for (String a : args) {
            if (!a.matches("-[rnu]+")) {
                return ExecResult.error("sort: invalid option -- '" + a + "'", 2);
            }
            reverse |= a.contains("r");
            numeric |= a.contains("n");
            unique |= a.contains("u");
        }
        Comparator<String> order = numeric ? Comparator.comparingDouble(TextFilters::leadingNumber)
                .thenComparing(Comparator.naturalOrder()) : Comparator.naturalOrder();
        List<String> l = new ArrayList<>(lines(stdin));
        l.sort(reverse ? order.reversed() : order);
        if (unique) {
            l = l.stream().distinct().toList();
        }
        return ExecResult.ok(joined(l));
    }

    private static double leadingNumber(String s) {
        String n = s.strip().replaceFirst("^(-?[0-9]*\\.?[0-9]*).*", "$1");
        try {
            return n.isEmpty() || n.equals("-") ? 0 : Double.parseDouble(n);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static ExecResult uniq(List<String> args, String stdin) {
        boolean counts = args.contains("-c");
        List<String> out = new ArrayList<>();
        String previous = null;
        int run = 0;
        for (String l : lines(stdin)) {
            if (l.equals(previous)) {
                run++;
                continue;
            }
            if (previous != null) {
                out.add(counts ? String.format("%7d %s", run, previous) : previous);
            }
            previous = l;
            run = 1;
        }
        if (previous != null) {
            out.add(counts ? String.format("%7d %s", run, previous) : previous);
        }
        return ExecResult.ok(joined(out));
    }
}
