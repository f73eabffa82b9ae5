package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.CrashLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An error no command caught reaches the user of the command line as one line naming a crash report, with exit
 * status 1: never a stack trace on the terminal.
 */
class CliCrashReportTest {

    /** Standard input that fails in a way no command expects. */
    private static InputStream failingWith(Supplier<? extends Throwable> error) {
        return new InputStream() {
            @Override
            public int read() {
                throw sneaky(error.get());
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    static List<Object[]> errors() {
        return List.of(
                new Object[] {"a runtime exception", (Supplier<Throwable>) () -> new IllegalStateException("boom"),
                    "IllegalStateException"},
                new Object[] {"a stack overflow", (Supplier<Throwable>) StackOverflowError::new,
                    "StackOverflowError"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void anUncaughtErrorIsOneLineAndACrashReport(String what, Supplier<Throwable> error, String name,
            @TempDir Path config) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CidrStudioCli.run(new String[] {"check", "-"}, failingWith(error),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new CrashLog(config, Clock.systemUTC()));
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, said + out);
        List<Path> reports;
        try (Stream<Path> s = Files.list(config)) {
            reports = s.toList();
        }
        assertEquals(1, reports.size(), said);
        Path report = reports.get(0);
        assertEquals("cidrstudio: internal error (" + name + "); the report is in " + report + "\n", said);
        assertFalse(said.contains("\tat "), said);
        String text = Files.readString(report);
        assertTrue(text.contains(name) && text.contains("\tat "), text);
    }
}
