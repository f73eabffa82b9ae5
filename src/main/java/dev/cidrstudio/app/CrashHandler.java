package dev.cidrstudio.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the app does with an exception nothing caught: writes a {@link CrashLog} and tells the user where it is.
 *
 * <p>It must never make things worse: it throws nothing, a failure inside it (writing the log, telling the user)
 * falls back to standard error, an exception raised while it is already handling one on the same thread is
 * written to standard error only, and after {@link #MAX_REPORTS} reports (say, an error on every frame) it stops
 * writing files and telling the user and only counts.
 */
public final class CrashHandler implements Thread.UncaughtExceptionHandler {

    /** Tells the user a crash was logged; may throw, the handler then falls back to standard error. */
    public interface Notice {
        void crashLogged(Path log, Throwable error);
    }

    static final int MAX_REPORTS = 20;
    private static final System.Logger LOG = System.getLogger(CrashHandler.class.getName());

    private final CrashLog log;
    private final PrintStream stderr;
    private final ThreadLocal<Boolean> handling = ThreadLocal.withInitial(() -> false);
    private final AtomicInteger reports = new AtomicInteger();
    private volatile Notice notice;

    public CrashHandler(CrashLog log, PrintStream stderr) {
        this.log = log;
        this.stderr = stderr;
        this.notice = stderrNotice(stderr);
    }

    /** Standard error, for when no window is up. */
    public static Notice stderrNotice(PrintStream stderr) {
        return (file, error) -> stderr.println("CIDR Studio: unexpected error (" + error + "); details in " + file);
    }

    /** How the user is told from now on (the window's dialog once it is up). */
    public void tellUserBy(Notice how) {
        notice = how;
    }

    /** How many uncaught exceptions it has seen. */
    public int seen() {
        return reports.get();
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (handling.get()) {
            lastResort("while reporting an earlier error", thread, error);
            return;
        }
        handling.set(true);
        try {
            int n = reports.incrementAndGet();
            if (n > MAX_REPORTS) {
                if (n == MAX_REPORTS + 1) {
                    stderr.println("CIDR Studio: more than " + MAX_REPORTS + " unexpected errors; no more reports "
                            + "are written (see " + log.dir() + ")");
                }
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "uncaught exception in thread " + thread.getName(), error);
            Path file;
            try {
                file = log.write(thread, error);
            } catch (Exception | LinkageError e) {
                lastResort("and the crash report could not be written (" + e + ")", thread, error);
                return;
            }
            try {
                notice.crashLogged(file, error);
            } catch (Exception | LinkageError e) {
                stderrNotice(stderr).crashLogged(file, error);
            }
        } catch (Throwable t) {
            // Even the fallbacks failed (say, out of memory): there is nothing safe left to do.
        } finally {
            handling.set(false);
        }
    }

    private void lastResort(String context, Thread thread, Throwable error) {
        try {
            stderr.println("CIDR Studio: unexpected error in thread " + thread.getName() + " " + context + ":");
            error.printStackTrace(stderr);
        } catch (Throwable ignored) {
            // standard error itself is gone
        }
    }
}
