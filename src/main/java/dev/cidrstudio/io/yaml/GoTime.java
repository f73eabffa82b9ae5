package dev.cidrstudio.io.yaml;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code time.Parse} for the layouts Kubernetes' decoders use, with its error texts ({@code parsing time "x" as
 * "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"}): {@code metav1.Time} reads RFC 3339, {@code
 * metav1.MicroTime} RFC 3339 with exactly six fractional digits, and go-yaml's timestamp resolver tries four layouts
 * of its own. Go works on the UTF-8 bytes, so this does too.
 */
public final class GoTime {

    /** {@code time.RFC3339}, what {@code metav1.Time} reads. */
    public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    /** {@code metav1.RFC3339Micro}, what {@code metav1.MicroTime} reads. */
    public static final String RFC3339_MICRO = "2006-01-02T15:04:05.000000Z07:00";
    /** go-yaml's {@code allowedTimestampFormats}, tried in order by its resolver. */
    public static final java.util.List<String> YAML_TIMESTAMP_LAYOUTS = java.util.List.of(
            "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999",
            "2006-1-2");

    private enum Std { LONG_YEAR, ZERO_MONTH, NUM_MONTH, ZERO_DAY, DAY, HOUR, ZERO_MINUTE, MINUTE, ZERO_SECOND, SECOND,
        FRAC0, FRAC9, ISO_COLON_TZ }

    /** What {@code nextStdChunk} returns: the literal before the element, the element and the rest of the layout. */
    private record Chunk(String prefix, Std std, String stdText, String suffix) {
    }

    /** Go's {@code errBad} and friends: the element could not be read. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad() {
            super(null, null, false, false);
        }
    }

    private GoTime() {
    }

    /** The layout's next element, as {@code nextStdChunk} finds the few this class knows. */
    private static Chunk nextStdChunk(String layout) {
        for (int i = 0; i < layout.length(); i++) {
            char c = layout.charAt(i);
            String rest = layout.substring(i);
            String prefix = layout.substring(0, i);
            if (rest.startsWith("2006")) {
                return new Chunk(prefix, Std.LONG_YEAR, "2006", rest.substring(4));
            }
            if (rest.startsWith("01") || rest.startsWith("02") || rest.startsWith("04") || rest.startsWith("05")) {
                Std std = switch (rest.charAt(1)) {
                    case '1' -> Std.ZERO_MONTH;
                    case '2' -> Std.ZERO_DAY;
                    case '4' -> Std.ZERO_MINUTE;
                    default -> Std.ZERO_SECOND;
                };
                return new Chunk(prefix, std, rest.substring(0, 2), rest.substring(2));
            }
            if (rest.startsWith("15")) {
                return new Chunk(prefix, Std.HOUR, "15", rest.substring(2));
            }
            if (rest.startsWith("Z07:00")) {
                return new Chunk(prefix, Std.ISO_COLON_TZ, "Z07:00", rest.substring(6));
            }
            if (c == '1' || c == '2' || c == '4' || c == '5') {
                Std std = c == '1' ? Std.NUM_MONTH : c == '2' ? Std.DAY : c == '4' ? Std.MINUTE : Std.SECOND;
                return new Chunk(prefix, std, rest.substring(0, 1), rest.substring(1));
            }
            if ((c == '.' || c == ',') && i + 1 < layout.length()
                    && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
                char d = layout.charAt(i + 1);
                int j = i + 1;
                while (j < layout.length() && layout.charAt(j) == d) {
                    j++;
                }
                if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
                    return new Chunk(prefix, d == '0' ? Std.FRAC0 : Std.FRAC9, layout.substring(i, j),
                            layout.substring(j));
                }
            }
        }
        return new Chunk(layout, null, "", "");
    }

    /** True when {@code time.Parse(layout, value)} succeeds. */
    public static boolean parses(String layout, String value) {
        return parseError(layout, value) == null;
    }

    /** {@code time.Parse(layout, value)}'s error text, or null when the value parses. */
    public static String parseError(String layout, String value) {
        return parse(layout, value, new int[8]);
    }

    /** The instant {@code time.Parse(layout, value)} reads, or null when it refuses the value. */
    public static java.time.Instant instant(String layout, String value) {
        int[] t = new int[8];
        if (parse(layout, value, t) != null) {
            return null;
        }
        return java.time.LocalDateTime.of(t[0], 1, 1, 0, 0).plusMonths(t[1] - 1L).plusDays(t[2] - 1L)
                .plusHours(t[3]).plusMinutes(t[4]).plusSeconds(t[5]).plusNanos(t[6])
                .toInstant(java.time.ZoneOffset.UTC).minusSeconds(t[7]);
    }

    /** Parses into {@code t}: year, month, day, hour, minute, second, nanosecond, zone offset in seconds. */
    private static String parse(String layout, String value, int[] t) {
        byte[] all = value.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        int year = 0;
        int month = -1;
        int day = -1;
        String lay = layout;
        while (true) {
            Chunk c = nextStdChunk(lay);
            int skipped = skip(all, at, c.prefix());
            if (skipped < 0) {
                return error(layout, value, c.prefix(), rest(all, -skipped - 1), "");
            }
            at = skipped;
            if (c.std() == null) {
                if (at != all.length) {
                    return error(layout, value, "", "", ": extra text: " + quote(rest(all, at)));
                }
                break;
            }
            lay = c.suffix();
            int hold = at;
            String rangeErr = null;
            try {
                switch (c.std()) {
                    case LONG_YEAR -> {
                        if (all.length - at < 4 || !isDigit(all, at)) {
                            throw new Bad();
                        }
                        year = atoi(all, at, at + 4);
                        at += 4;
                    }
                    case ZERO_MONTH, NUM_MONTH -> {
                        int[] n = getnum(all, at, c.std() == Std.ZERO_MONTH);
                        month = n[0];
                        at = n[1];
                        if (month <= 0 || month > 12) {
                            rangeErr = "month";
                        }
                    }
                    case ZERO_DAY, DAY -> {
                        int[] n = getnum(all, at, c.std() == Std.ZERO_DAY);
                        day = n[0];
                        at = n[1];
                    }
                    case HOUR -> {
                        int[] n = getnum(all, at, false);
                        at = n[1];
                        t[3] = n[0];
                        if (n[0] >= 24) {
                            rangeErr = "hour";
                        }
                    }
                    case ZERO_MINUTE, MINUTE -> {
                        int[] n = getnum(all, at, c.std() == Std.ZERO_MINUTE);
                        at = n[1];
                        t[4] = n[0];
                        if (n[0] >= 60) {
                            rangeErr = "minute";
                        }
                    }
                    case ZERO_SECOND, SECOND -> {
                        int[] n = getnum(all, at, c.std() == Std.ZERO_SECOND);
                        at = n[1];
                        t[5] = n[0];
                        if (n[0] >= 60) {
                            rangeErr = "second";
                            break;
                        }
                        // A fractional second the layout does not spell out is read here.
                        if (all.length - at >= 2 && commaOrPeriod(all[at]) && isDigit(all, at + 1)) {
                            Std next = nextStdChunk(lay).std();
                            if (next == Std.FRAC0 || next == Std.FRAC9) {
                                break;
                            }
                            int e = at + 2;
                            while (e < all.length && isDigit(all, e)) {
                                e++;
                            }
                            rangeErr = parseNanoseconds(all, at, e - at, t);
                            at = e;
                        }
                    }
                    case FRAC0 -> {
                        int ndigit = c.stdText().length();
                        if (all.length - at < ndigit) {
                            throw new Bad();
                        }
                        rangeErr = parseNanoseconds(all, at, ndigit, t);
                        at += ndigit;
                    }
                    case FRAC9 -> {
                        if (all.length - at < 2 || !commaOrPeriod(all[at]) || !isDigit(all, at + 1)) {
                            break;
                        }
                        int i = 0;
                        while (at + i + 1 < all.length && isDigit(all, at + i + 1)) {
                            i++;
                        }
                        rangeErr = parseNanoseconds(all, at, 1 + i, t);
                        at += 1 + i;
                    }
                    case ISO_COLON_TZ -> {
                        if (all.length - at >= 1 && all[at] == 'Z') {
                            at++;
                            break;
                        }
                        if (all.length - at < 6 || all[at + 3] != ':') {
                            throw new Bad();
                        }
                        byte sign = all[at];
                        int hr = 0;
                        int mm = 0;
                        Bad bad = null;
                        try {
                            hr = getnum(all, at + 1, true)[0];
                            mm = getnum(all, at + 4, true)[0];
                        } catch (Bad b) {
                            bad = b;
                        }
                        at += 6;
                        if (hr > 24) {
                            rangeErr = "time zone offset hour";
                        }
                        if (mm > 60) {
                            rangeErr = "time zone offset minute";
                        }
                        if (rangeErr == null && (bad != null || (sign != '+' && sign != '-'))) {
                            throw new Bad();
                        }
                        t[7] = (sign == '-' ? -1 : 1) * (hr * 3600 + mm * 60);
                    }
                    default -> throw new IllegalStateException(c.std().name());
                }
            } catch (Bad b) {
                return error(layout, value, c.stdText(), rest(all, hold), "");
            }
            if (rangeErr != null) {
                return error(layout, value, c.stdText(), rest(all, at), ": " + rangeErr + " out of range");
            }
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (day < 1 || day > daysIn(month, year)) {
            return error(layout, value, "", "", ": day out of range");
        }
        t[0] = year;
        t[1] = month;
        t[2] = day;
        return null;
    }

    private static int daysIn(int month, int year) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** {@code parseNanoseconds}: a range error's name, or null; {@link Bad} when it is not a fraction. */
    private static String parseNanoseconds(byte[] v, int at, int nbytes, int[] t) throws Bad {
        if (!commaOrPeriod(v[at])) {
            throw new Bad();
        }
        int n = Math.min(nbytes, 10);
        int ns = atoi(v, at + 1, at + n);
        for (int i = n; i < 10; i++) {
            ns *= 10;
        }
        t[6] = ns;
        return ns < 0 ? "fractional second" : null;
    }

    private static boolean commaOrPeriod(byte b) {
        return b == '.' || b == ',';
    }

    private static boolean isDigit(byte[] v, int i) {
        return i < v.length && v[i] >= '0' && v[i] <= '9';
    }

    /** {@code getnum}: one or two digits (exactly two when fixed); the value and where reading stopped. */
    private static int[] getnum(byte[] v, int at, boolean fixed) throws Bad {
        if (!isDigit(v, at)) {
            throw new Bad();
        }
        if (!isDigit(v, at + 1)) {
            if (fixed) {
                throw new Bad();
            }
            return new int[] {v[at] - '0', at + 1};
        }
        return new int[] {(v[at] - '0') * 10 + (v[at + 1] - '0'), at + 2};
    }

    /** Go's {@code atoi} in the time package: an optional sign, then digits only. */
    private static int atoi(byte[] v, int from, int to) throws Bad {
        boolean neg = false;
        if (from < to && (v[from] == '-' || v[from] == '+')) {
            neg = v[from] == '-';
            from++;
        }
        long x = 0;
        for (int i = from; i < to; i++) {
            if (v[i] < '0' || v[i] > '9') {
                throw new Bad();
            }
            x = x * 10 + (v[i] - '0');
            if (x > Integer.MAX_VALUE) {
                throw new Bad();
            }
        }
        return (int) (neg ? -x : x);
    }

    /** {@code skip}: the offset after the literal, or -(offset where it failed) - 1. */
    private static int skip(byte[] v, int at, String prefix) {
        int p = 0;
        while (p < prefix.length()) {
            if (prefix.charAt(p) == ' ') {
                if (at < v.length && v[at] != ' ') {
                    return -at - 1;
                }
                while (p < prefix.length() && prefix.charAt(p) == ' ') {
                    p++;
                }
                while (at < v.length && v[at] == ' ') {
                    at++;
                }
                continue;
            }
            if (at >= v.length || v[at] != prefix.charAt(p)) {
                return -at - 1;
            }
            p++;
            at++;
        }
        return at;
    }

    private static byte[] rest(byte[] v, int from) {
        return java.util.Arrays.copyOfRange(v, Math.min(from, v.length), v.length);
    }

    private static String error(String layout, String value, String layoutElem, Object valueElem, String message) {
        String v = quote(value.getBytes(StandardCharsets.UTF_8));
        if (!message.isEmpty()) {
            return "parsing time " + v + message;
        }
        byte[] elem = valueElem instanceof byte[] b ? b : ((String) valueElem).getBytes(StandardCharsets.UTF_8);
        return "parsing time " + v + " as " + quote(layout.getBytes(StandardCharsets.UTF_8)) + ": cannot parse "
                + quote(elem) + " as " + quote(layoutElem.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(byte[] s) {
        return quoteBytes(s);
    }

    /** The time package's {@code quote}: every byte of a non-ASCII or control character as {@code \xhh}. */
    private static String quoteBytes(byte[] s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s) {
            int c = b & 0xFF;
            if (c >= 0x80 || c < ' ') {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }
}
