package dev.cidrstudio.console.shell;

import java.util.List;

/**
 * {@code printf FORMAT ARGS...}: {@code %s %d %i %b %%} with flags and widths, backslash escapes, and the format
 * reused while arguments are left, as the shell's printf does.
 */
final class Printf {

    /** Wider fields than this are refused: a format must not make the console allocate without bound. */
    private static final int MAX_WIDTH = 1_000;

    private Printf() {
    }

    static ExecResult run(List<String> args) {
        if (args.isEmpty()) {
            return ExecResult.error("printf: usage: printf format [arguments]", 2);
        }
        String format = args.get(0);
        List<String> values = args.subList(1, args.size());
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int next = 0;
        do {
            int consumed = next;
            next = format(format, values, next, out, err);
            if (next < 0) {
                return new ExecResult(out.toString(), err.toString(), 1);
            }
            if (next == consumed) {
                break;
            }
        } while (next < values.size());
        return new ExecResult(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    /** Formats once from argument {@code next}; returns the next unused argument, or -1 on a bad format. */
    private static int format(String f, List<String> values, int next, StringBuilder out, StringBuilder err) {
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (c == '\\' && i + 1 < f.length()) {
                out.append(escape(f.charAt(i + 1)));
                i += 2;
                continue;
            }
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i++;
            while (i < f.length() && "-+ 0#".indexOf(f.charAt(i)) >= 0) {
                i++;
            }
            while (i < f.length() && (Character.isDigit(f.charAt(i)) || f.charAt(i) == '.')) {
                i++;
            }
            if (i >= f.length()) {
                err.append("printf: `").append(f.substring(start)).append("': missing format character\n");
                return -1;
            }
            char conv = f.charAt(i++);
            String spec = f.substring(start, i - 1);
            if (conv == '%') {
                out.append('%');
                continue;
            }
            String widthDigits = spec.replaceAll("^%[-+ 0#]*", "").replaceAll("\\..*", "");
            if (!widthDigits.isEmpty() && (widthDigits.length() > 4 || Integer.parseInt(widthDigits) > MAX_WIDTH)) {
                err.append("printf: field width larger than the practice console prints\n");
                return -1;
            }
            String value = next < values.size() ? values.get(next) : "";
            next++;
            switch (conv) {
                case 's' -> out.append(String.format(spec + "s", value));
                case 'b' -> {
                    StringBuilder b = new StringBuilder();
                    for (int k = 0; k < value.length(); k++) {
                        if (value.charAt(k) == '\\' && k + 1 < value.length()) {
                            b.append(escape(value.charAt(++k)));
                        } else {
                            b.append(value.charAt(k));
                        }
                    }
                    out.append(String.format(spec + "s", b));
                }
                case 'd', 'i' -> {
                    long v = 0;
                    try {
                        v = value.isBlank() ? 0 : Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        err.append("printf: ").append(value).append(": invalid number\n");
                    }
                    out.append(String.format(spec + "d", v));
                }
                default -> {
                    err.append("printf: %").append(conv).append(": invalid format character\n");
                    return -1;
                }
            }
        }
        return next;
    }

    private static String escape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case '\\' -> "\\";
            case '"' -> "\"";
            case '\'' -> "'";
            default -> "\\" + c;
        };
    }
}
