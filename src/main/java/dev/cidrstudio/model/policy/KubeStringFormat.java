package dev.cidrstudio.model.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cidrstudio.model.field.GoValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code <string>.format(<list>)} of cel-go's strings extension at version 2, as kube-apiserver runs it (locale
 * en_US): {@code %s %d %f %e %b %x %X %o}, {@code %.Nf} / {@code %.Ne} precision, {@code %%}; errors with cel-go's
 * text ({@code error during formatting: decimal clause can only be used on integers, was given string}).
 */
final class KubeStringFormat {

    private static final int DEFAULT_PRECISION = 6;

    private KubeStringFormat() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(CelFunctionDecl.newFunctionDeclaration("format", CelOverloadDecl.newMemberOverload(
                "string_format", SimpleType.STRING, SimpleType.STRING, ListType.create(SimpleType.DYN))));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(CelFunctionBinding.from("string_format", String.class, List.class,
                (f, args) -> format(f, (List<?>) args)));
    }

    /** Thrown for a clause that cannot be applied; its text is cel-go's. */
    static class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    private static String format(String f, List<?> args) throws CelEvaluationException {
        try {
            return apply(f, args);
        } catch (FormatException e) {
            throw new CelEvaluationException(e.getMessage());
        }
    }

    /** cel-go's parseFormatString over the given arguments. */
    static String apply(String f, List<?> args) throws FormatException {
        return apply(f, args.size(), false, (index, verb, precision) -> {
            Object arg = args.get(index);
            int p = precision == null ? DEFAULT_PRECISION : precision;
            return switch (verb) {
                case 's' -> string(arg);
                case 'd' -> decimal(arg);
                case 'f' -> fixed(arg, p);
                case 'e' -> scientific(arg, p);
                case 'b' -> binary(arg);
                case 'o' -> octal(arg);
                default -> hex(arg, verb == 'X');
            };
        });
    }

    /** One clause applied to one argument (or, when checking, to what is known of it). */
    interface Clause {
        String format(int index, char verb, Integer precision) throws FormatException;
    }

    /**
     * The format walk both the runtime and cel-go's compile-time check share. The runtime fetches the argument
     * before anything else ({@code index N out of range} first); the check fetches nothing.
     */
    static String apply(String f, int size, boolean checking, Clause clause) throws FormatException {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < f.length() && f.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            if (!checking && argIndex >= size) {
                throw new FormatException("index " + argIndex + " out of range");
            }
            if (i + 1 >= f.length()) {
                throw new FormatException("unexpected end of string");
            }
            if (argIndex >= size) {
                throw new FormatException("index " + argIndex + " out of range");
            }
            int j = i + 1;
            Integer precision = null;
            if (f.charAt(j) == '.') {
                j++;
                int start = j;
                while (true) {
                    if (j >= f.length()) {
                        throw new FormatException("could not parse formatting clause: error while parsing precision: "
                                + "could not find end of precision specifier");
                    }
                    if (f.charAt(j) < '0' || f.charAt(j) > '9') {
                        break;
                    }
                    j++;
                }
                if (start == j) {
                    throw new FormatException("could not parse formatting clause: error while parsing precision: "
                            + "error while converting precision to integer: strconv.Atoi: parsing \"\": invalid syntax");
                }
                String digits = f.substring(start, j);
                try {
                    precision = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw new FormatException("could not parse formatting clause: error while parsing precision: "
                            + "error while converting precision to integer: strconv.Atoi: parsing "
                            + GoValue.quote(digits) + ": value out of range");
                }
            }
            char verb = f.charAt(j);
            if ("sdfebxXo".indexOf(verb) < 0) {
                throw new FormatException("could not parse formatting clause: unrecognized formatting clause \""
                        + verb + "\"");
            }
            try {
                // Go's fmt gives up on a precision over a million ("crazy long number") and prints no verb;
                // the guard also keeps a hostile expression from building a huge string in one step.
                out.append(precision != null && precision > 1_000_000 && (verb == 'f' || verb == 'e') && !checking
                        ? "%!(NOVERB)" : clause.format(argIndex, verb, precision));
            } catch (ArgumentException e) {
                throw new ArgumentException(e.id, "error during formatting: " + e.getMessage());
            } catch (FormatException e) {
                throw new FormatException("error during formatting: " + e.getMessage());
            }
            i = j + 1;
            argIndex++;
        }
        return out.toString();
    }

    /** A clause that does not apply to an argument: the compile-time check reports it at that expression. */
    static final class ArgumentException extends FormatException {
        private static final long serialVersionUID = 1L;
        final long id;

        ArgumentException(long id, String message) {
            super(message);
            this.id = id;
        }
    }

    private static boolean isNull(Object v) {
        return v == null || v instanceof dev.cel.common.values.NullValue;
    }

    /** cel-go's type name of a value, as the format errors print it. */
    static String typeName(Object v) {
        if (isNull(v)) {
            return "null_type";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "int";
        }
        if (v instanceof com.google.common.primitives.UnsignedLong) {
            return "uint";
        }
        if (v instanceof Double) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "map";
        }
        if (v instanceof com.google.protobuf.ByteString || v instanceof dev.cel.common.values.CelByteString) {
            return "bytes";
        }
        if (v instanceof dev.cidrstudio.model.net.NetIp.Addr) {
            return "net.IP";
        }
        if (v instanceof dev.cidrstudio.model.net.NetIp.Prefix) {
            return "net.CIDR";
        }
        return v.getClass().getSimpleName();
    }

    private static String string(Object v) throws FormatException {
        if (v instanceof List<?> l) {
            return list(l);
        }
        if (v instanceof Map<?, ?> m) {
            return map(m);
        }
        if (isNull(v)) {
            return "null";
        }
        if (v instanceof Double d) {
            return goG(d);
        }
        if (v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean
                || v instanceof com.google.common.primitives.UnsignedLong) {
            return String.valueOf(v);
        }
        if (v instanceof com.google.protobuf.ByteString b) {
            return b.toStringUtf8();
        }
        if (v instanceof dev.cel.common.values.CelByteString b) {
            return new String(b.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new FormatException("string clause can only be used on strings, bools, bytes, ints, doubles, maps, "
                + "lists, types, durations, and timestamps, was given " + typeName(v));
    }

    /** A list member or map value inside %s: strings quoted, doubles fixed with six places. */
    private static String member(Object v) throws FormatException {
        if (v instanceof String s) {
            return GoValue.quote(s);
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return GoValue.quote(goFixed(d, DEFAULT_PRECISION, false));
            }
            return goFixed(d, DEFAULT_PRECISION, false);
        }
        return string(v);
    }

    private static String list(List<?> l) throws FormatException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(member(l.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String map(Map<?, ?> m) throws FormatException {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            String key;
            if (k instanceof String s) {
                key = GoValue.quote(s);
            } else if (k instanceof Boolean || k instanceof Long || k instanceof Integer
                    || k instanceof com.google.common.primitives.UnsignedLong) {
                key = String.valueOf(k);
            } else {
                throw new FormatException("no formatting function for map key of type " + typeName(k));
            }
            pairs.add(new String[] {key, member(e.getValue())});
        }
        pairs.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(pairs.get(i)[0]).append(':').append(pairs.get(i)[1]);
        }
        return sb.append('}').toString();
    }

    private static String decimal(Object v) throws FormatException {
        if (v instanceof Long || v instanceof Integer || v instanceof com.google.common.primitives.UnsignedLong) {
            return String.valueOf(v);
        }
        throw new FormatException("decimal clause can only be used on integers, was given " + typeName(v));
    }

    private static Double floatArg(Object v, String clause) throws FormatException {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return s.equals("NaN") ? Double.NaN : s.startsWith("-") ? Double.NEGATIVE_INFINITY
                    : Double.POSITIVE_INFINITY;
        }
        throw new FormatException(clause + " clause can only be used on doubles, was given " + typeName(v));
    }

    private static String fixed(Object v, int precision) throws FormatException {
        return goFixed(floatArg(v, "fixed-point"), precision, true);
    }

    /** Go's %.Nf, grouped in thousands as golang.org/x/text's en printer does when {@code grouped}. */
    private static String goFixed(double d, int precision, boolean grouped) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (!grouped) {
            return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        }
        DecimalFormat df = new DecimalFormat(precision == 0 ? "#,##0" : "#,##0." + "0".repeat(precision),
                DecimalFormatSymbols.getInstance(Locale.US));
        df.setRoundingMode(RoundingMode.HALF_EVEN);
        return df.format(new BigDecimal(d));
    }

    private static String scientific(Object v, int precision) throws FormatException {
        double d = floatArg(v, "scientific");
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        String s = String.format(Locale.ROOT, "%." + precision + "e", new BigDecimal(d));
        // Go writes at least two exponent digits, as Java does; both write e+NN.
        return s;
    }

    private static String binary(Object v) throws FormatException {
        if (v instanceof Long l) {
            return l < 0 ? "-" + Long.toBinaryString(-l) : Long.toBinaryString(l);
        }
        if (v instanceof com.google.common.primitives.UnsignedLong u) {
            return u.bigIntegerValue().toString(2);
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        throw new FormatException("only integers and bools can be formatted as binary, was given " + typeName(v));
    }

    private static String hex(Object v, boolean upper) throws FormatException {
        String s;
        if (v instanceof Long l) {
            s = l < 0 ? "-" + Long.toHexString(-l) : Long.toHexString(l);
        } else if (v instanceof com.google.common.primitives.UnsignedLong u) {
            s = u.bigIntegerValue().toString(16);
        } else if (v instanceof String str) {
            s = bytesHex(str.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (v instanceof com.google.protobuf.ByteString b) {
            s = bytesHex(b.toByteArray());
        } else if (v instanceof dev.cel.common.values.CelByteString b) {
            s = bytesHex(b.toByteArray());
        } else {
            throw new FormatException("only integers, byte buffers, and strings can be formatted as hex, was given "
                    + typeName(v));
        }
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    private static String bytesHex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private static String octal(Object v) throws FormatException {
        if (v instanceof Long l) {
            return l < 0 ? "-" + Long.toOctalString(-l) : Long.toOctalString(l);
        }
        if (v instanceof com.google.common.primitives.UnsignedLong u) {
            return u.bigIntegerValue().toString(8);
        }
        throw new FormatException("octal clause can only be used on integers, was given " + typeName(v));
    }

    /** Go's strconv.FormatFloat(d, 'g', -1, 64), which cel-go's double-to-string conversion uses. */
    static String goG(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = shortest.precision() - shortest.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+")
                    + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return shortest.toPlainString();
    }
}
