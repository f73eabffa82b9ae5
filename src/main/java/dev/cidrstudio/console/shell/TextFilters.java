package dev.cidrstudio.console.shell;

import java.nio.charset.StandardCharsets;
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

    /** What {@code head} or {@code tail} takes: lines or bytes, how many, and from which end. */
    private record Count(boolean bytes, long n, boolean fromOtherEnd) {
    }

    /**
     * Reads {@code -n K}, {@code -nK}, {@code --lines=K}, {@code -c K}, {@code --bytes=K} and the old {@code -K};
     * a {@code -K} count ({@code head}) or {@code +K} ({@code tail}) counts from the other end. Returns the count, or
     * the error coreutils prints for these arguments.
     */
    private static Object count(String command, List<String> args) {
        String value = null;
        boolean bytes = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option;
            String attached;
            if (a.startsWith("--lines=") || a.startsWith("--bytes=")) {
                option = a.startsWith("--lines") ? "n" : "c";
                attached = a.substring(a.indexOf('=') + 1);
            } else if (a.equals("--lines") || a.equals("--bytes")) {
                option = a.equals("--lines") ? "n" : "c";
                attached = "";
            } else if (a.matches("-[0-9]+")) {
                option = "n";
                attached = a.substring(1);
            } else if (a.startsWith("-n") || a.startsWith("-c")) {
                option = a.substring(1, 2);
                attached = a.substring(2);
            } else if (a.startsWith("-") && a.length() > 1) {
                return usage(command, "invalid option -- '" + a.charAt(1) + "'");
            } else {
                return command + ": cannot open '" + a + "' for reading: the practice console's " + command
                        + " reads standard input only";
            }
            if (attached.isEmpty()) {
                if (++i >= args.size()) {
                    return usage(command, "option requires an argument -- '" + option + "'");
                }
                attached = args.get(i);
            }
            value = attached;
            bytes = option.equals("c");
        }
        if (value == null) {
            return new Count(false, 10, false);
        }
        String what = bytes ? "bytes" : "lines";
        boolean otherEnd = command.equals("head") ? value.startsWith("-") : value.startsWith("+");
        String digits = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
        if (!digits.matches("[0-9]+")) {
            return command + ": invalid number of " + what + ": '" + value + "'";
        }
        // Past what any input here can hold, as coreutils takes a count too large for its integers.
        long n = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        return new Count(bytes, n, otherEnd);
    }

    private static String usage(String command, String problem) {
        return command + ": " + problem + "\nTry '" + command + " --help' for more information.";
    }

    /** {@code head [-n [-]K | -c [-]K]}: the first K lines or bytes, or all but the last K. */
    static ExecResult head(List<String> args, String stdin) {
        Object parsed = count("head", args);
        if (!(parsed instanceof Count c)) {
            return ExecResult.error((String) parsed, 1);
        }
        if (c.bytes()) {
            byte[] b = stdin.getBytes(StandardCharsets.UTF_8);
            int end = (int) (c.fromOtherEnd() ? Math.max(0, b.length - Math.min(c.n(), b.length))
                    : Math.min(c.n(), b.length));
            return ExecResult.ok(new String(b, 0, end, StandardCharsets.UTF_8));
        }
        List<String> l = lines(stdin);
        int end = (int) (c.fromOtherEnd() ? Math.max(0, l.size() - Math.min(c.n(), l.size()))
                : Math.min(c.n(), l.size()));
        return ExecResult.ok(joined(l.subList(0, end)));
    }

    /** {@code tail [-n [+]K | -c [+]K]}: the last K lines or bytes, or from the K-th on. */
    static ExecResult tail(List<String> args, String stdin) {
        Object parsed = count("tail", args);
        if (!(parsed instanceof Count c)) {
            return ExecResult.error((String) parsed, 1);
        }
        if (c.bytes()) {
            byte[] b = stdin.getBytes(StandardCharsets.UTF_8);
            int from = (int) (c.fromOtherEnd() ? Math.min(b.length, Math.max(0, c.n() - 1))
                    : b.length - Math.min(c.n(), b.length));
            return ExecResult.ok(new String(b, from, b.length - from, StandardCharsets.UTF_8));
        }
        List<String> l = lines(stdin);
        int from = (int) (c.fromOtherEnd() ? Math.min(l.size(), Math.max(0, c.n() - 1))
                : l.size() - Math.min(c.n(), l.size()));
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
