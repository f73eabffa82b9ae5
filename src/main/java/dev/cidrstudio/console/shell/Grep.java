package dev.cidrstudio.console.shell;

import java.util.List;
import com.google.re2j.Pattern;

/**
 * GNU grep over standard input, with its options' and its messages' wording. Patterns run on RE2 ({@link GrepPattern}):
 * linear in the line's length whatever the pattern, so no pattern can hang the console.
 */
public final class Grep {

    private Grep() {
    }

    private static final String GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
            + "Try 'grep --help' for more information.\n";

    /**
     * GNU grep over standard input: {@code -v -i -E -F -n -c -q -w -x}, context with {@code -A/-B/-C N}, basic
     * regular expressions by default. An option it does not know is an error, as grep's own.
     */
    public static ExecResult run(List<String> args, String stdin) {
        boolean invert = false;
        boolean ignoreCase = false;
        boolean extended = false;
        boolean fixed = false;
        boolean numbers = false;
        boolean count = false;
        boolean quiet = false;
        boolean word = false;
        boolean whole = false;
        int after = 0;
        int before = 0;
        String pattern = null;
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--") && a.length() > 2) {
                switch (a) {
                    case "--invert-match" -> invert = true;
                    case "--ignore-case" -> ignoreCase = true;
                    case "--extended-regexp" -> extended = true;
                    case "--fixed-strings" -> fixed = true;
                    case "--line-number" -> numbers = true;
                    case "--count" -> count = true;
                    case "--quiet", "--silent" -> quiet = true;
                    case "--word-regexp" -> word = true;
                    case "--line-regexp" -> whole = true;
                    default -> {
                        return new ExecResult("", "grep: unrecognized option '" + a + "'\n" + GREP_USAGE, 2);
                    }
                }
            } else if (options && a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    switch (c) {
                        case 'v' -> invert = true;
                        case 'i' -> ignoreCase = true;
                        case 'E' -> extended = true;
                        case 'F' -> fixed = true;
                        case 'G' -> extended = false;
                        case 'n' -> numbers = true;
                        case 'c' -> count = true;
                        case 'q' -> quiet = true;
                        case 'w' -> word = true;
                        case 'x' -> whole = true;
                        case 'e' -> {
                            String e = a.substring(k + 1);
                            if (e.isEmpty()) {
                                if (i + 1 >= args.size()) {
                                    return new ExecResult("", "grep: option requires an argument -- 'e'\n"
                                            + GREP_USAGE, 2);
                                }
                                e = args.get(++i);
                            }
                            pattern = e;
                            k = a.length();
                        }
                        case 'A', 'B', 'C' -> {
                            String n = a.substring(k + 1);
                            if (n.isEmpty()) {
                                if (i + 1 >= args.size()) {
                                    return new ExecResult("", "grep: option requires an argument -- '" + c
                                            + "'\n" + GREP_USAGE, 2);
                                }
                                n = args.get(++i);
                            }
                            if (!n.matches("[0-9]+")) {
                                return new ExecResult("", "grep: " + n + ": invalid context length argument\n",
                                        2);
                            }
                            // Any longer context than a script's output has lines is the same context.
                            int v = n.length() > 9 ? 1 << 30 : Math.min(1 << 30, Integer.parseInt(n));
                            if (c != 'B') {
                                after = v;
                            }
                            if (c != 'A') {
                                before = v;
                            }
                            k = a.length();
                        }
                        default -> {
                            return new ExecResult("", "grep: invalid option -- '" + c + "'\n" + GREP_USAGE, 2);
                        }
                    }
                }
            } else if (pattern == null) {
                pattern = a;
            } else {
                return new ExecResult("", "grep: " + a + ": No such file or directory\n", 2);
            }
        }
        if (pattern == null) {
            return new ExecResult("", GREP_USAGE, 2);
        }
        Pattern re;
        try {
            re = GrepPattern.compile(pattern, fixed, extended, word, whole, ignoreCase);
        } catch (GrepPattern.GrepSyntaxException e) {
            return new ExecResult("", "grep: " + e.getMessage() + "\n", 2);
        }
        String[] lines = stdin.isEmpty() ? new String[0] : stdin.split("\n", -1);
        int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        boolean[] hit = new boolean[n];
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hit[i] = re.matcher(lines[i]).find() != invert;
            hits += hit[i] ? 1 : 0;
        }
        int code = hits > 0 ? 0 : 1;
        if (quiet) {
            return new ExecResult("", "", code);
        }
        if (count) {
            return new ExecResult(hits + "\n", "", code);
        }
        StringBuilder sb = new StringBuilder();
        int lastPrinted = -1;
        int until = -1;
        for (int i = 0; i < n; i++) {
            boolean show = hit[i] || i <= until;
            if (!show) {
                for (int j = i + 1; j <= Math.min(n - 1, i + before); j++) {
                    if (hit[j]) {
                        show = true;
                        break;
                    }
                }
            }
            if (!show) {
                continue;
            }
            if (lastPrinted >= 0 && i > lastPrinted + 1 && (after > 0 || before > 0)) {
                sb.append("--\n");
            }
            if (numbers) {
                sb.append(i + 1).append(hit[i] ? ':' : '-');
            }
            sb.append(lines[i]).append('\n');
            lastPrinted = i;
            if (hit[i]) {
                until = i + after;
            }
        }
        return new ExecResult(sb.toString(), "", code);
    }
}
