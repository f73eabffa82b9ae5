package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash reports: where they go, what they hold, who may read them, and a handler that never makes things worse. */
class CrashLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:26:53Z"), ZoneOffset.UTC);

    private static List<Path> reports(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aReportNamesTheTimeVersionThreadRuntimeAndTheWholeStackTrace(@TempDir Path dir) throws Exception {
        Thread t = new Thread(() -> { }, "plan-loader");
        Exception error = new IllegalStateException("the map has no rows",
                new java.io.UncheckedIOException(new IOException("disk full")));
        Path file = new CrashLog(dir.resolve("config"), CLOCK).write(t, error);

        assertEquals(dir.resolve("config").resolve("crash-20260314-092653.log"), file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("CIDR Studio crash report\ntime: 2026-03-14T09:26:53Z\nversion: "
                + AppVersion.version() + "\nthread: plan-loader\n"), text);
        assertTrue(text.contains("\njava: " + System.getProperty("java.version") + " ("), text);
        assertTrue(text.contains("\nos: " + System.getProperty("os.name") + " "), text);
        assertTrue(text.contains("java.lang.IllegalStateException: the map has no rows\n\tat "), text);
        assertTrue(text.contains("Caused by: java.io.UncheckedIOException: java.io.IOException: disk full"), text);
        assertTrue(text.contains("Caused by: java.io.IOException: disk full"), text);
        assertTrue(text.contains("at dev.cidrstudio.app.CrashLogTest."), "the frames are there: " + text);
    }

    @Test
    void onlyItsOwnerMayReadIt(@TempDir Path dir) throws Exception {
        Path file = new CrashLog(dir, CLOCK).write(Thread.currentThread(), new RuntimeException("x"));
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            assertEquals("rw-------", PosixFilePermissions.toString(posix.readAttributes().permissions()));
        }
        assertEquals(List.of(file), reports(dir), "no temporary file is left beside it");
    }

    @Test
    void crashesInTheSameSecondKeepTheirOwnReports(@TempDir Path dir) throws Exception {
        CrashLog log = new CrashLog(dir, CLOCK);
        Path a = log.write(Thread.currentThread(), new RuntimeException("first"));
        Path b = log.write(Thread.currentThread(), new RuntimeException("second"));
        Path c = log.write(Thread.currentThread(), new RuntimeException("third"));
        assertEquals(List.of("crash-20260314-092653-2.log", "crash-20260314-092653-3.log",
                "crash-20260314-092653.log"), reports(dir).stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.readString(a).contains("RuntimeException: first"));
        assertTrue(Files.readString(b).contains("RuntimeException: second"));
        assertTrue(Files.readString(c).contains("RuntimeException: third"));
    }

    /** A handler writing to a captured standard error. */
    private static final class Captured {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theHandlerWritesTheReportAndTellsTheUserWhere(@TempDir Path dir) throws Exception {
        Captured c = new Captured();
        CrashHandler h = new CrashHandler(new CrashLog(dir, CLOCK), c.err);
        List<Path> told = new ArrayList<>();
        h.tellUserBy((file, error) -> told.add(file));
        h.uncaughtException(Thread.currentThread(), new IllegalArgumentException("bad cell"));
        assertEquals(reports(dir), told);
        assertTrue(Files.readString(told.get(0)).contains("IllegalArgumentException: bad cell"));
        assertEquals("", c.text(), "nothing on standard error when the user was told");
    }

    @Test
    void withoutAWindowStandardErrorSaysWhereTheReportIs(@TempDir Path dir) throws Exception {
        Captured c = new Captured();
        new CrashHandler(new CrashLog(dir, CLOCK), c.err).uncaughtException(Thread.currentThread(),
                new IllegalArgumentException("bad cell"));
        assertEquals("CIDR Studio: unexpected error (java.lang.IllegalArgumentException: bad cell); details in "
                + dir.resolve("crash-20260314-092653.log") + System.lineSeparator(), c.text());
    }

    @Test
    void aNoticeThatFailsFallsBackToStandardError(@TempDir Path dir) throws Exception {
        Captured c = new Captured();
        CrashHandler h = new CrashHandler(new CrashLog(dir, CLOCK), c.err);
        h.tellUserBy((file, error) -> {
            throw new IllegalStateException("no window");
        });
        h.uncaughtException(Thread.currentThread(), new RuntimeException("first"));
        assertTrue(c.text().contains("details in " + dir.resolve("crash-20260314-092653.log")), c.text());
    }

    @Test
    void aReportThatCannotBeWrittenLeavesTheTraceOnStandardError(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("config"), "a file where the directory should be");
        Captured c = new Captured();
        CrashHandler h = new CrashHandler(new CrashLog(notADirectory, CLOCK), c.err);
        h.uncaughtException(Thread.currentThread(), new RuntimeException("lost plan"));
        assertTrue(c.text().contains("the crash report could not be written"), c.text());
        assertTrue(c.text().contains("java.lang.RuntimeException: lost plan\n\tat "), c.text());
    }

    @Test
    void anErrorWhileReportingIsNotReportedAgainAndAgain(@TempDir Path dir) throws Exception {
        Captured c = new Captured();
        CrashHandler h = new CrashHandler(new CrashLog(dir, CLOCK), c.err);
        int[] notices = {0};
        h.tellUserBy((file, error) -> {
            notices[0]++;
            // A notice that itself fails through the handler (as a dialog on the FX thread would).
            h.uncaughtException(Thread.currentThread(), new IllegalStateException("the dialog failed"));
        });
        h.uncaughtException(Thread.currentThread(), new RuntimeException("first"));
        assertEquals(1, notices[0]);
        assertEquals(1, reports(dir).size());
        assertTrue(c.text().contains("while reporting an earlier error"), c.text());
        assertTrue(c.text().contains("IllegalStateException: the dialog failed"), c.text());
    }

    @Test
    void aStormOfErrorsStopsWritingReports(@TempDir Path dir) throws Exception {
        Captured c = new Captured();
        CrashLog log = new CrashLog(dir, CLOCK);
        CrashHandler h = new CrashHandler(log, c.err);
        h.tellUserBy((file, error) -> { });
        for (int i = 0; i < 3 * CrashHandler.MAX_REPORTS; i++) {
            h.uncaughtException(Thread.currentThread(), new RuntimeException("frame " + i));
        }
        assertEquals(3 * CrashHandler.MAX_REPORTS, h.seen());
        assertEquals(CrashHandler.MAX_REPORTS, reports(dir).size());
        assertEquals(1, c.text().lines().count(), c.text());
        assertTrue(c.text().startsWith("CIDR Studio: more than " + CrashHandler.MAX_REPORTS), c.text());
    }

    @Test
    void theHandlerNeverThrows(@TempDir Path dir) throws Exception {
        CrashHandler h = new CrashHandler(new CrashLog(dir, CLOCK), new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("closed");
            }
        }));
        h.tellUserBy((file, error) -> {
            throw new OutOfMemoryError("simulated");
        });
        h.uncaughtException(Thread.currentThread(), new RuntimeException("x"));
        assertFalse(reports(dir).isEmpty());
    }
}
