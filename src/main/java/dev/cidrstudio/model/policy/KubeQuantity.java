package dev.cidrstudio.model.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A {@code resource.Quantity} as apimachinery parses it ({@code ParseQuantity}): decimal SI, binary SI and
 * exponent suffixes, values rounded up to nano precision, binary quantities capped at 2^63-1; its error texts.
 * Kept as an exact decimal, which is what the CEL quantity library compares, adds and converts.
 */
record KubeQuantity(BigDecimal value, boolean dec, String text) implements Comparable<KubeQuantity> {

    static final class QuantityException extends Exception {
        private static final long serialVersionUID = 1L;

        QuantityException(String message) {
            super(message);
        }
    }

    static final String FORMAT_WRONG = "quantities must match the regular expression "
            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String NUMERIC = "unable to parse numeric part of quantity";
    static final String SUFFIX = "unable to parse quantity's suffix";

    private static final BigDecimal MAX_ALLOWED = BigDecimal.valueOf(Long.MAX_VALUE);

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The pieces {@code parseQuantityString} scans out of a quantity. */
    private record Scan(boolean positive, String value, String num, String denom, String suffix) {
    }

    /** apimachinery's {@code parseQuantityString}. */
    private static Scan scan(String str) throws QuantityException {
        boolean positive = true;
        int pos = 0;
        int end = str.length();
        if (pos < end && (str.charAt(0) == '-' || str.charAt(0) == '+')) {
            positive = str.charAt(0) != '-';
            pos++;
        }
        for (int i = pos;; i++) {
            if (i >= end) {
                return new Scan(positive, "0", "0", "", "");
            }
            if (str.charAt(i) != '0') {
                break;
            }
            pos++;
        }
        String num = null;
        for (int i = pos;; i++) {
            if (i >= end) {
                return new Scan(positive, str, str.substring(pos), "", "");
            }
            if (!digit(str.charAt(i))) {
                num = str.substring(pos, i);
                pos = i;
                break;
            }
        }
        if (num.isEmpty()) {
            num = "0";
        }
        String denom = "";
        if (pos < end && str.charAt(pos) == '.') {
            pos++;
            for (int i = pos;; i++) {
                if (i >= end) {
                    return new Scan(positive, str, num, str.substring(pos), "");
                }
                if (!digit(str.charAt(i))) {
                    denom = str.substring(pos, i);
                    pos = i;
                    break;
                }
            }
        }
        String value = str.substring(0, pos);
        int suffixStart = pos;
        for (int i = pos;; i++) {
            if (i >= end) {
                return new Scan(positive, value, num, denom, str.substring(suffixStart));
            }
            if ("eEinumkKMGTP".indexOf(str.charAt(i)) < 0) {
                pos = i;
                break;
            }
        }
        if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
            pos++;
        }
        for (int i = pos;; i++) {
            if (i >= end) {
                return new Scan(positive, value, num, denom, str.substring(suffixStart));
            }
            if (!digit(str.charAt(i))) {
                throw new QuantityException(FORMAT_WRONG);
            }
        }
    }

    /** {@code resource.ParseQuantity}. */
    static KubeQuantity parse(String str) throws QuantityException {
        if (str.isEmpty()) {
            throw new QuantityException(FORMAT_WRONG);
        }
        Scan sc = scan(str);
        String suffix = sc.suffix();
        int base = 10;
        int exponent;
        boolean binarySi = false;
        switch (suffix) {
            case "" -> exponent = 0;
            case "n" -> exponent = -9;
            case "u" -> exponent = -6;
            case "m" -> exponent = -3;
            case "k" -> exponent = 3;
            case "M" -> exponent = 6;
            case "G" -> exponent = 9;
            case "T" -> exponent = 12;
            case "P" -> exponent = 15;
            case "E" -> exponent = 18;
            case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> {
                base = 2;
                binarySi = true;
                exponent = 10 * (1 + "KMGTPE".indexOf(suffix.charAt(0)));
            }
            default -> {
                if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
                    try {
                        exponent = Integer.parseInt(suffix.substring(1));
                    } catch (NumberFormatException e) {
                        throw new QuantityException(SUFFIX);
                    }
                } else {
                    throw new QuantityException(SUFFIX);
                }
            }
        }
        // The fast path keeps an int64 with a base-10 scale; anything else becomes an inf.Dec, which AsInt64
        // refuses even for whole numbers.
        int precision;
        int scale;
        long mantissa = 1;
        if (!binarySi) {
            scale = exponent;
            precision = 18 - (sc.num().length() + sc.denom().length());
        } else {
            scale = 0;
            if (exponent >= 0 && sc.denom().isEmpty()) {
                mantissa = 1L << exponent;
                precision = 15 - sc.num().length() - (int) ((float) exponent * 3 / 10) - 1;
            } else {
                precision = -1;
            }
        }
        if (precision >= 0) {
            scale -= sc.denom().length();
            if (scale >= -9) {
                long v;
                try {
                    v = Long.parseLong(sc.num() + sc.denom());
                } catch (NumberFormatException e) {
                    throw new QuantityException(NUMERIC);
                }
                try {
                    long result = Math.multiplyExact(v, mantissa);
                    BigDecimal exact = BigDecimal.valueOf(sc.positive() ? result : -result, -scale);
                    return new KubeQuantity(exact.stripTrailingZeros(), false, str);
                } catch (ArithmeticException e) {
                    // too big for the fast path
                }
            }
        }
        BigDecimal amount;
        try {
            String v = sc.value();
            amount = new BigDecimal(v.endsWith(".") ? v.substring(0, v.length() - 1) : v);
        } catch (NumberFormatException e) {
            throw new QuantityException(NUMERIC);
        }
        amount = base == 10 ? amount.scaleByPowerOfTen(exponent)
                : amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
        int sign = amount.signum();
        BigDecimal abs = amount.abs();
        if (abs.signum() != 0 && abs.scale() > 9) {
            // Below a nano the value rounds up to one nano; deciding that needs no division by a huge power of ten.
            abs = abs.precision() - abs.scale() < -9 ? BigDecimal.ONE.movePointLeft(9)
                    : abs.setScale(9, RoundingMode.UP);
        }
        if (binarySi && abs.compareTo(MAX_ALLOWED) > 0) {
            abs = MAX_ALLOWED;
        }
        return new KubeQuantity((sign < 0 ? abs.negate() : abs).stripTrailingZeros(), true, str);
    }

    /** A quantity from an integer (resource.NewQuantity with the decimal exponent format). */
    static KubeQuantity of(long n) {
        return new KubeQuantity(BigDecimal.valueOf(n), false, null);
    }

    KubeQuantity add(KubeQuantity o) {
        return combined(value.add(o.value), o);
    }

    KubeQuantity sub(KubeQuantity o) {
        return combined(value.subtract(o.value), o);
    }

    /** A sum stays an int64 amount while both are and it fits; otherwise it becomes an inf.Dec. */
    private KubeQuantity combined(BigDecimal result, KubeQuantity o) {
        BigDecimal r = result.stripTrailingZeros();
        boolean fits = r.unscaledValue().bitLength() < 64 && r.scale() <= 9;
        return new KubeQuantity(r, dec || o.dec || !fits, null);
    }

    long sign() {
        return value.signum();
    }

    /** {@code AsInt64}: the value when it is a whole number that fits. */
    java.util.Optional<Long> asLong() {
        if (dec) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(value.longValueExact());
        } catch (ArithmeticException e) {
            return java.util.Optional.empty();
        }
    }

    double asApproximateFloat() {
        return value.doubleValue();
    }

    @Override
    public int compareTo(KubeQuantity o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KubeQuantity q && compareTo(q) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return text != null ? text : value.stripTrailingZeros().toPlainString();
    }
}
