package dev.cidrstudio.io.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's {@code time.Parse} for RFC 3339 and metav1's RFC3339Micro: what it accepts, and its error texts. */
class GoTimeTest {

    private static final String AS = "\" as \"2006-01-02T15:04:05Z07:00\": cannot parse ";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a date alone", GoTime.RFC3339, "2024-01-02",
                        "parsing time \"2024-01-02" + AS + "\"\" as \"T\""),
                Arguments.of("a lower-case t", GoTime.RFC3339, "2024-02-03t00:00:00Z",
                        "parsing time \"2024-02-03t00:00:00Z" + AS + "\"t00:00:00Z\" as \"T\""),
                Arguments.of("an offset without a colon", GoTime.RFC3339, "2024-01-02T10:00:00+0100",
                        "parsing time \"2024-01-02T10:00:00+0100" + AS + "\"+0100\" as \"Z07:00\""),
                Arguments.of("a one-digit minute", GoTime.RFC3339, "2024-01-02T10:2:03Z",
                        "parsing time \"2024-01-02T10:2:03Z" + AS + "\"2:03Z\" as \"04\""),
                Arguments.of("a year with a letter", GoTime.RFC3339, "20x4-01-02T10:00:00Z",
                        "parsing time \"20x4-01-02T10:00:00Z" + AS + "\"20x4-01-02T10:00:00Z\" as \"2006\""),
                Arguments.of("non-ASCII, byte by byte", GoTime.RFC3339, "\u00e9",
                        "parsing time \"\\xc3\\xa9" + AS + "\"\\xc3\\xa9\" as \"2006\""),
                Arguments.of("the thirteenth month", GoTime.RFC3339, "2024-13-02T00:00:00Z",
                        "parsing time \"2024-13-02T00:00:00Z\": month out of range"),
                Arguments.of("February 30th", GoTime.RFC3339, "2024-02-30T00:00:00Z",
                        "parsing time \"2024-02-30T00:00:00Z\": day out of range"),
                Arguments.of("hour 25", GoTime.RFC3339, "2024-01-02T25:00:00Z",
                        "parsing time \"2024-01-02T25:00:00Z\": hour out of range"),
                Arguments.of("minute 60", GoTime.RFC3339, "2024-01-02T10:60:00Z",
                        "parsing time \"2024-01-02T10:60:00Z\": minute out of range"),
                Arguments.of("an offset past 24 hours", GoTime.RFC3339, "2024-01-02T10:00:00+25:00",
                        "parsing time \"2024-01-02T10:00:00+25:00\": time zone offset hour out of range"),
                Arguments.of("trailing text", GoTime.RFC3339, "2024-02-03T00:00:00Zx",
                        "parsing time \"2024-02-03T00:00:00Zx\": extra text: \"x\""),
                Arguments.of("a MicroTime without a fraction", GoTime.RFC3339_MICRO, "2024-02-03T00:00:00Z",
                        "parsing time \"2024-02-03T00:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse "
                                + "\"Z\" as \".000000\""),
                Arguments.of("a MicroTime with three digits", GoTime.RFC3339_MICRO, "2024-02-03T00:00:00.123Z",
                        "parsing time \"2024-02-03T00:00:00.123Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot "
                                + "parse \".123Z\" as \".000000\""),
                Arguments.of("a MicroTime with seven digits", GoTime.RFC3339_MICRO, "2024-02-03T00:00:00.1234567Z",
                        "parsing time \"2024-02-03T00:00:00.1234567Z\" as \"2006-01-02T15:04:05.000000Z07:00\": "
                                + "cannot parse \"7Z\" as \"Z07:00\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, String layout, String value, String error) {
        assertEquals(error, GoTime.parseError(layout, value));
        assertNull(GoTime.instant(layout, value));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("UTC", GoTime.RFC3339, "2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z"),
                Arguments.of("an offset", GoTime.RFC3339, "2024-01-02T10:00:00-05:30", "2024-01-02T15:30:00Z"),
                Arguments.of("a fraction the layout does not spell out", GoTime.RFC3339, "2024-01-02T10:00:00.25Z",
                        "2024-01-02T10:00:00.25Z"),
                Arguments.of("a comma before the fraction and a one-digit hour", GoTime.RFC3339,
                        "2024-01-02T1:00:00,5Z", "2024-01-02T01:00:00.5Z"),
                Arguments.of("February 29th of a leap year", GoTime.RFC3339, "2024-02-29T00:00:00Z",
                        "2024-02-29T00:00:00Z"),
                Arguments.of("a MicroTime", GoTime.RFC3339_MICRO, "2024-01-02T10:00:00.000001Z",
                        "2024-01-02T10:00:00.000001Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String name, String layout, String value, String instant) {
        assertNull(GoTime.parseError(layout, value));
        assertEquals(Instant.parse(instant), GoTime.instant(layout, value));
    }
}
