package dev.cidrstudio.console.shell;

import java.util.Map;

/**
 * The shell's integer arithmetic, {@code $((...))}: {@code + - * / %}, comparisons, {@code && || !}, parentheses,
 * numbers and variable names (an unset or non-numeric one is 0, as in bash).
 */
final class Arithmetic {

    private final String text;
    private final Map<String, String> variables;
    private int pos;

    private Arithmetic(String text, Map<String, String> variables) {
        this.text = text;
        this.variables = variables;
    }

    /** Evaluates {@code expression}; the message of the exception is bash's wording. */
    static long evaluate(String expression, Map<String, String> variables) throws ArithmeticException {
        if (expression.isBlank()) {
            return 0;
        }
        Arithmetic a = new Arithmetic(expression, variables);
        long v = a.or();
        a.skipSpaces();
        if (a.pos < a.text.length()) {
            throw a.error();
        }
        return v;
    }

    private ArithmeticException error() {
        String rest = text.substring(Math.min(pos, text.length())).trim();
        return new ArithmeticException(text.trim() + ": syntax error in expression (error token is \"" + rest + "\")");
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String op) {
        skipSpaces();
        if (text.startsWith(op, pos)) {
            pos += op.length();
            return true;
        }
        return false;
    }

    private long or() {
        long v = and();
        while (eat("||")) {
            long r = and();
            v = v != 0 || r != 0 ? 1 : 0;
        }
        return v;
    }

    private long and() {
        long v = comparison();
        while (eat("&&")) {
            long r = comparison();
            v = v != 0 && r != 0 ? 1 : 0;
        }
        return v;
    }

    private long comparison() {
        long v = sum();
        while (true) {
            if (eat("==")) {
                v = v == sum() ? 1 : 0;
            } else if (eat("!=")) {
                v = v != sum() ? 1 : 0;
            } else if (eat("<=")) {
                v = v <= sum() ? 1 : 0;
            } else if (eat(">=")) {
                v = v >= sum() ? 1 : 0;
            } else if (eat("<")) {
                v = v < sum() ? 1 : 0;
            } else if (eat(">")) {
                v = v > sum() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long sum() {
        long v = product();
        while (true) {
            if (eat("+")) {
                v += product();
            } else if (eat("-")) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private long product() {
        long v = unary();
        while (true) {
            if (eat("*")) {
                v *= unary();
            } else if (eat("/") || eat("%")) {
                boolean divide = text.charAt(pos - 1) == '/';
                long r = unary();
                if (r == 0) {
                    throw new ArithmeticException("division by 0 (error token is \"" + r + "\")");
                }
                v = divide ? v / r : v % r;
            } else {
                return v;
            }
        }
    }

    private long unary() {
        if (eat("!")) {
            return unary() == 0 ? 1 : 0;
        }
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        if (eat("(")) {
            long v = or();
            if (!eat(")")) {
                throw error();
            }
            return v;
        }
        skipSpaces();
        int start = pos;
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            try {
                return Long.parseLong(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error();
            }
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error();
        }
        String value = variables.getOrDefault(text.substring(start, pos), "").trim();
        try {
            return value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
