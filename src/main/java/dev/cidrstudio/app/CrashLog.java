package dev.cidrstudio.app;

import dev.cidrstudio.io.plan.StateFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Crash reports in the config directory, beside the recovery copy: one file per crash, {@code crash-YYYYMMDD-HHMMSS.log},
 * readable by its owner only, since a stack trace may name the plan's files.
 */
public final class CrashLog {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final int MAX_SAME_SECOND = 100;

    private final Path dir;
    private final Clock clock;

    public CrashLog(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Where the reports go. */
    public Path dir() {
        return dir;
    }

    /** Writes the report of an exception that ended a thread's task, and returns its file. */
    public Path write(Thread thread, Throwable error) throws IOException {
        ZonedDateTime now = ZonedDateTime.now(clock);
        Files.createDirectories(dir);
        String base = "crash-" + FILE_TIME.format(now);
        Path file = dir.resolve(base + ".log");
        for (int n = 2; Files.exists(file); n++) {
            if (n > MAX_SAME_SECOND) {
                throw new IOException("too many crash reports in one second in " + dir);
            }
            file = dir.resolve(base + "-" + n + ".log");
        }
        StateFile.writePrivately(file, report(thread, error, now));
        return file;
    }

    /** The report: when, which build, which thread, on what Java and OS, then the stack trace with its causes. */
    static String report(Thread thread, Throwable error, ZonedDateTime when) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return "CIDR Studio crash report\n"
                + "time: " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(when) + "\n"
                + "version: " + AppVersion.version() + "\n"
                + "thread: " + thread.getName() + "\n"
                + "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")\n"
                + "os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")\n"
                + "\n" + trace;
    }
}
