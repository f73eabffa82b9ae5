package dev.cidrstudio.console.shell;

import java.util.List;
import java.util.function.Predicate;

/**
 * {@code test EXPRESSION} and {@code [ EXPRESSION ]}: string and integer comparisons, {@code -z -n}, {@code -e -f}
 * on the console's files, {@code !}, and {@code -a}/{@code -o} between them.
 */
final class TestCommand {

    private final List<String> args;
    private final Predicate<String> fileExists;
    private int pos;

    private TestCommand(List<String> args, Predicate<String> fileExists) {
        this.args = args;
        this.fileExists = fileExists;
    }

    /** Usage problems, worded as bash words them, with status 2. */
    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message, null, false, false);
        }
    }

    static ExecResult run(List<String> args, boolean bracket, Predicate<String> fileExists) {
        String name = bracket ? "[" : "test";
        List<String> expression = args;
        if (bracket) {
            if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                return ExecResult.error(ShellInterpreter.NAME + ": [: missing `]'", 2);
            }
            expression = args.subList(0, args.size() - 1);
        }
        if (expression.isEmpty()) {
            return new ExecResult("", "", 1);
        }
        TestCommand t = new TestCommand(expression, fileExists);
        try {
            boolean result = t.or();
            if (t.pos < expression.size()) {
                throw new Usage(expression.get(t.pos) + ": unexpected operator");
            }
            return new ExecResult("", "", result ? 0 : 1);
        } catch (Usage e) {
            return ExecResult.error(ShellInterpreter.NAME + ": " + name + ": " + e.getMessage(), 2);
        }
    }

    private boolean or() throws Usage {
        boolean v = and();
        while (pos < args.size() && args.get(pos).equals("-o")) {
            pos++;
            v = and() || v;
        }
        return v;
    }

    private boolean and() throws Usage {
        boolean v = primary();
        while (pos < args.size() && args.get(pos).equals("-a")) {
            pos++;
            v = primary() && v;
        }
        return v;
    }

    private boolean primary() throws Usage {
        if (pos >= args.size()) {
            throw new Usage("argument expected");
        }
        String a = args.get(pos);
        if (a.equals("!") && pos + 1 < args.size()) {
            pos++;
            return !primary();
        }
        if (a.equals("(")) {
            pos++;
            boolean v = or();
            if (pos >= args.size() || !args.get(pos).equals(")")) {
                throw new Usage("`)' expected");
            }
            pos++;
            return v;
        }
        if (pos + 2 < args.size() && isBinary(args.get(pos + 1))) {
            String op = args.get(pos + 1);
            String right = args.get(pos + 2);
            pos += 3;
            return binary(a, op, right);
        }
        if (a.startsWith("-") && a.length() == 2 && pos + 1 < args.size()) {
            String operand = args.get(pos + 1);
            pos += 2;
            return switch (a) {
                case "-z" -> operand.isEmpty();
                case "-n" -> !operand.isEmpty();
                case "-e", "-f", "-r", "-s" -> fileExists.test(operand);
                case "-d" -> false;
                default -> throw new Usage(a + ": unary operator expected");
            };
        }
        pos++;
        return !a.isEmpty();
    }

    private static boolean isBinary(String op) {
        return List.of("=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">").contains(op);
    }

    private static boolean binary(String left, String op, String right) throws Usage {
        switch (op) {
            case "=", "==" -> {
                return left.equals(right);
            }
            case "!=" -> {
                return !left.equals(right);
            }
            case "<" -> {
                return left.compareTo(right) < 0;
            }
            case ">" -> {
                return left.compareTo(right) > 0;
            }
            default -> {
                long l = integer(left);
                long r = integer(right);
                return switch (op) {
                    case "-eq" -> l == r;
                    case "-ne" -> l != r;
                    case "-lt" -> l < r;
                    case "-le" -> l <= r;
                    case "-gt" -> l > r;
                    default -> l >= r;
                };
            }
        }
    }

    private static long integer(String s) throws Usage {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new Usage(s + ": integer expression expected");
        }
    }
}
