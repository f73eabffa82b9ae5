package dev.cidrstudio.console.kubectl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * kubectl's klog lines on standard error: {@code Lmmdd hh:mm:ss.uuuuuu pid file:line] message}, with the simulated
 * clock for the time.
 */
final class Klog {

    /** The process id the console's kubectl reports; a real one differs from run to run anyway. */
    static final int PID = 4242;

    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private Klog() {
    }

    static String warning(Instant now, String file, int line, String message) {
        return String.format("W%s %7d %s:%d] %s\n", HEADER.format(now), PID, file, line, message);
    }
}
