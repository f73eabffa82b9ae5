package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Numbers as they travel from a manifest to kube-apiserver: kubectl reads YAML with YAML 1.1 rules
 * ({@code sigs.k8s.io/yaml}: an int64, else a uint64, else a float64) and sends JSON, where Go writes a float64
 * without a fraction as plain digits; the server's decoder then refuses a number its Go field cannot hold. Every
 * conversion here is bounded: no text, however long, makes a number that throws.
 */
final class GoNumbers {

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** YAML 1.1's float form, which a decimal integer too big for 64 bits falls back to. */
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern JSON_INTEGER = Pattern.compile("-?[0-9]+");
    /** Longer texts are beyond any float64 (or mean nothing else): they are not parsed at all. */
    private static final int MAX_DIGITS = 400;

    private GoNumbers() {
    }

    /**
     * The JSON number kubectl would send for a scalar YAML reads as a number, or null when it is not one (a
     * string, an infinity or NaN, which Go's encoder refuses).
     */
    static String jsonNumber(PScalar s) {
        String text = s.value().replace("_", "");
        if (text.length() > MAX_DIGITS || (s.type() != ScalarType.INT && s.type() != ScalarType.FLOAT)) {
            return null;
        }
        if (s.type() == ScalarType.INT) {
            BigInteger v = yamlInteger(text);
            if (v != null && v.compareTo(INT64_MIN) >= 0 && v.compareTo(UINT64_MAX) <= 0) {
                return v.toString();
            }
        }
        if (!YAML_FLOAT.matcher(text).matches()) {
            return null;
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? goFloat(d) : null;
    }

    /** The value of a YAML 1.1 integer (decimal, 0x hex, 0o or leading-0 octal), or null. */
    private static BigInteger yamlInteger(String text) {
        boolean negative = text.startsWith("-");
        String t = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o") || t.startsWith("0O")) {
            radix = 8;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(t, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Go's {@code encoding/json} form of a float64: plain digits from 1e-6 to 1e21, else an exponent. */
    static String goFloat(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (exponent > 0 && e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }

    /**
     * The number as a {@code goType} (int32, int64 or int) when it is a whole number that fits, else null: Go's
     * decoder parses the JSON text itself, so {@code 1.5} does not fit an integer field.
     */
    static Long fit(String number, String goType) {
        if (number.length() > 20 || !JSON_INTEGER.matcher(number).matches()) {
            return null;
        }
        BigInteger v = new BigInteger(number);
        long min = "int32".equals(goType) ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = "int32".equals(goType) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            return null;
        }
        return v.longValue();
    }

    /** A number for a short message: long ones are cut. */
    static String brief(String number) {
        return number.length() > 40 ? number.substring(0, 40) + "..." : number;
    }
}
