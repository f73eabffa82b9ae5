package dev.cidrstudio.cli;

import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.console.shell.ShellInterpreter;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.io.plan.InPlaceFile;
import dev.cidrstudio.io.plan.StateFile;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cidrstudio kubectl}: the practice console from the command line. */
@Command(name = "kubectl", header = "Run kubectl against a simulated cluster.", description = {
    "Run kubectl against a simulated cluster.",
    "With ARGS, run one command; without, read a script from standard input and run it line by line."},
        mixinStandardHelpOptions = true)
public final class KubectlCommand extends StreamCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", paramLabel = "FILE", description = "Plan file: a Cluster document followed by "
            + "objects, created in order as if applied.")
    Path cluster;

    @Option(names = "--state", paramLabel = "FILE", description = "Load the simulated cluster from FILE if it "
            + "exists and save it back after the command.")
    Path state;

    @Parameters(paramLabel = "ARGS", description = "kubectl arguments (without 'kubectl').")
    List<String> args = new ArrayList<>();

    public KubectlCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        ApiServer api;
        try {
            api = open();
        } catch (CliFailure f) {
            err.print(f.getMessage());
            return f.code;
        }
        Kubectl kubectl = new Kubectl(api, LocalFiles::read);
        int code;
        if (!args.isEmpty()) {
            // A person typed this command: the clock moves on as between script lines.
            api.advanceClock(ScriptRunner.TYPING_PAUSE);
            String stdin = args.contains("-") || args.contains("--filename=-") || args.contains("-f-")
                    ? readStdin() : "";
            CommandResult r;
            try {
                r = kubectl.run(args, stdin);
            } catch (RuntimeException e) {
                r = CommandResult.error(ShellInterpreter.failed("kubectl", e), ShellInterpreter.FAILED);
            }
            api.advanceClock(ScriptRunner.COMMAND_TIME);
            out.print(r.stdout());
            err.print(r.stderr());
            code = r.exitCode();
        } else {
            ScriptRunner runner = new ScriptRunner(kubectl, LocalFiles::read)
                    .withFileSink(new ConsoleFiles(InPlaceFile.PIPE_WAIT));
            String home = System.getenv("HOME");
            runner.withVariable("HOME", home == null ? System.getProperty("user.home") : home);
            List<ConsoleOutput> printed;
            try {
                printed = runner.run(readStdin());
                code = runner.exitCode();
            } catch (RuntimeException e) {
                // The runner keeps going past a failing command; this is the script as a whole failing.
                printed = List.of(new ConsoleOutput.Stderr(ShellInterpreter.failed("script", e) + "\n"));
                code = ShellInterpreter.FAILED;
            }
            for (ConsoleOutput o : printed) {
                if (o instanceof ConsoleOutput.Stdout s) {
                    out.print(s.text());
                    out.flush();
                } else {
                    err.print(o.text());
                    err.flush();
                }
            }
        }
        out.flush();
        if (state != null) {
            try {
                StateFile.writeAtomically(state, StateFile.write(api));
            } catch (StateFile.CannotSave e) {
                err.println("error: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println("error: cannot save the state to " + state + ": " + e.getMessage());
                return 1;
            }
        }
        return code;
    }

    private String readStdin() {
        try {
            return LocalFiles.read(in, "STDIN");
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return "";
        }
    }

    /** A failure already worded for the user, with its exit status. */
    static final class CliFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        CliFailure(String message, int code) {
            super(message.endsWith("\n") ? message : message + "\n");
            this.code = code;
        }
    }

    private ApiServer open() throws CliFailure {
        if (state != null && Files.exists(state)) {
            try {
                return StateFile.read(state.toString(), LocalFiles.read(state));
            } catch (IOException e) {
                throw new CliFailure("error: cannot read " + state + ": " + e.getMessage(), 1);
            } catch (ManifestException e) {
                throw new CliFailure(describe(e.problems()), 1);
            }
        }
        if (cluster != null) {
            try {
                PlanLoader.Result r = PlanLoader.load(cluster.toString(), LocalFiles.read(cluster));
                for (dev.cidrstudio.app.Finding f : r.report().findings()) {
                    if (f.severity() != dev.cidrstudio.app.Finding.Severity.INFO) {
                        err.println(f.describe());
                    }
                }
                return r.api();
            } catch (IOException e) {
                throw new CliFailure("error: cannot read " + cluster + ": " + e.getMessage(), 1);
            } catch (dev.cidrstudio.app.ManifestImport.ImportException e) {
                throw new CliFailure(findings(e.findings()), 1);
            }
        }
        try {
            return ApiServer.bootstrap(ClusterSettings.defaults());
        } catch (ClusterConfigException e) {
            throw new CliFailure("error: " + String.join("; ", e.errors()), 1);
        }
    }

    static String findings(List<dev.cidrstudio.app.Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (dev.cidrstudio.app.Finding f : findings) {
            sb.append(f.describe()).append('\n');
        }
        return sb.toString();
    }

    static String describe(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            String where = p.source() + (p.mark() != null && p.mark().line() > 0 ? ":" + p.mark().line() : "");
            sb.append(where).append(": error: ").append(p.field() == null || p.field().isEmpty() ? ""
                    : p.field() + ": ").append(p.message()).append('\n');
        }
        return sb.toString();
    }
}
