package dev.cidrstudio.console.kubectl;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Go's {@code time.ParseDuration}, with its error messages: {@code 1m30s}, {@code 1.5h}, {@code -2s}, {@code 0}. */
final class GoDuration {

    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoQuote.quote(text));
            }
            Long nanos = NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("time: unknown unit " + GoQuote.quote(unit) + " in duration "
                        + GoQuote.quote(text));
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number)
                    .multiply(BigDecimal.valueOf(nanos)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        long n = total.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoQuote.quote(text));
    }

    /** Go's {@code %q} for the plain text flags hold. */
    private static final class GoQuote {
        static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
