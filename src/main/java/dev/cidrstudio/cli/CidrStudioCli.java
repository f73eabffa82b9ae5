package dev.cidrstudio.cli;

import dev.cidrstudio.app.CrashLog;
import dev.cidrstudio.app.PlanSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cidrstudio} command line: one subcommand per task. */
@Command(name = "cidrstudio", mixinStandardHelpOptions = true, versionProvider = CidrStudioCli.Version.class,
        description = "CIDR Studio: plan Kubernetes Service IP ranges. Run without arguments for the desktop app.",
        subcommands = {KubectlCommand.class, ImportCommand.class, ExportCommand.class, CheckCommand.class,
            HostsCommand.class, DualStackCommand.class, CelCommand.class, MapCommand.class, WizardCommand.class,
            CapacityCommand.class, ServeCommand.class})
public final class CidrStudioCli implements Runnable {

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"CIDR Studio " + dev.cidrstudio.app.AppVersion.version()};
        }
    }

    @Override
    public void run() {
        // No subcommand: the launcher opens the GUI instead of calling this.
    }

    static final int HELP_WIDTH = 120;

    /** Runs the CLI and returns the exit status: 0 ok, 1 failure, 2 unusable arguments. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, new CrashLog(PlanSession.defaultConfigDir(), Clock.systemDefaultZone()));
    }

    /**
     * Runs the CLI with crash reports written to {@code crashes}: an exception no command caught (an error such as
     * running out of stack included) is written there and the user gets one line naming the report, exit status 1.
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, CrashLog crashes) {
        try {
            return commandLine(in, out, err, crashes).execute(args);
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException e) {
            return reportCrash(crashes, err, e);
        }
    }

    /** Writes the report and says where it is, in one line; never throws. */
    private static int reportCrash(CrashLog crashes, PrintStream err, Throwable error) {
        try {
            Path file = crashes.write(Thread.currentThread(), error);
            err.println("cidrstudio: internal error (" + error.getClass().getSimpleName() + "); the report is in "
                    + file);
        } catch (IOException | RuntimeException | LinkageError e) {
            err.println("cidrstudio: internal error (" + error + "); no report could be written (" + e.getMessage()
                    + ")");
        }
        return 1;
    }

    /** The command line with its subcommands wired to these streams, ready to execute. */
    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
        return commandLine(in, out, err, new CrashLog(PlanSession.defaultConfigDir(), Clock.systemDefaultZone()));
    }

    private static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err, CrashLog crashes) {
        CommandLine cl = new CommandLine(new CidrStudioCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (StreamCommand.class.isAssignableFrom(cls)) {
                    return cls.getConstructor(InputStream.class, PrintStream.class, PrintStream.class)
                            .newInstance(in, out, err);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        // The descriptions are written as lines of up to 110 characters; at picocli's default of 80 columns
        // every one of them would break in two.
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.getSubcommands().get("kubectl").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("cidrstudio: " + ex.getMessage());
            err.println("Run 'cidrstudio --help' for usage.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> reportCrash(crashes, err, ex));
        return cl;
    }
}
