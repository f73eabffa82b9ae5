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
            Spec sp = Spec.parse(spec.substring(1));
            if (sp.width > MAX_WIDTH || conv != 's' && conv != 'b' && sp.precision > MAX_WIDTH) {
                err.append("printf: field width larger than the practice console prints\n");
                return -1;
            }
            String value = next < values.size() ? values.get(next) : "";
            next++;
            switch (conv) {
                case 's' -> out.append(sp.pad(sp.truncate(value), ' '));
                case 'b' -> {
                    StringBuilder b = new StringBuilder();
                    for (int k = 0; k < value.length(); k++) {
                        if (value.charAt(k) == '\\' && k + 1 < value.length()) {
                            b.append(escape(value.charAt(++k)));
                        } else {
                            b.append(value.charAt(k));
                        }
                    }
                    out.append(sp.pad(sp.truncate(b.toString()), ' '));
                }
                case 'd', 'i' -> {
                    long v = 0;
                    try {
                        v = value.isBlank() ? 0 : Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        err.append("printf: ").append(value).append(": invalid number\n");
                    }
                    out.append(sp.integer(v));
                }
                default -> {
                    err.append("printf: %").append(conv).append(": invalid format character\n");
                    return -1;
                }
            }
        }
        return next;
    }

    /**
     * A conversion's flags, width and precision. Numbers too long to hold read as "more than the console prints";
     * a precision is the most characters of a string and the fewest digits of an integer, as in C.
     */
    private record Spec(String flags, int width, int precision) {

        static Spec parse(String spec) {
            int i = 0;
            while (i < spec.length() && "-+ 0#".indexOf(spec.charAt(i)) >= 0) {
                i++;
            }
            String flags = spec.substring(0, i);
            int dot = spec.indexOf('.', i);
            String width = dot < 0 ? spec.substring(i) : spec.substring(i, dot);
            String precision = dot < 0 ? null : spec.substring(dot + 1).replace(".", "");
            return new Spec(flags, number(width, 0), precision == null ? -1 : number(precision, 0));
        }

        private static int number(String digits, int empty) {
            if (digits.isEmpty()) {
                return empty;
            }
            return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        }

        String truncate(String s) {
            return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }

        String pad(String s, char fill) {
            if (s.length() >= width) {
                return s;
            }
            String padding = String.valueOf(fill).repeat(width - s.length());
            return flags.contains("-") ? s + padding : padding + s;
        }

        String integer(long v) {
            String digits = v < 0 ? Long.toString(v).substring(1) : Long.toString(v);
            if (precision >= 0 && digits.length() < precision) {
                digits = "0".repeat(precision - digits.length()) + digits;
            } else if (precision == 0 && v == 0) {
                digits = "";
            }
            String sign = v < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
            if (flags.contains("0") && !flags.contains("-") && precision < 0 && sign.length() + digits.length() < width) {
                digits = "0".repeat(width - sign.length() - digits.length()) + digits;
            }
            return pad(sign + digits, ' ');
        }
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
