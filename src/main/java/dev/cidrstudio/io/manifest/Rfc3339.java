package dev.cidrstudio.io.manifest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Reads Kubernetes timestamps: {@code 2026-03-02T10:05:00Z} directly, anything else through {@link Instant#parse}. */
final class Rfc3339 {

    private Rfc3339() {
    }

    static Instant parse(String s) {
        if (s.length() == 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(19) == 'Z') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24
                    && minute >= 0 && minute < 60 && second >= 0 && second < 60) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
                } catch (java.time.DateTimeException e) {
                    // e.g. February 30th: let the full parser word the error.
                }
            }
        }
        return Instant.parse(s);
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
