package dev.cidrstudio.console;

import dev.cidrstudio.console.kubectl.ApiResourcesOptions;
import dev.cidrstudio.console.kubectl.ApplyOptions;
import dev.cidrstudio.console.kubectl.AnnotateOptions;
import dev.cidrstudio.console.kubectl.Command;
import dev.cidrstudio.console.kubectl.CommandSuggestions;
import dev.cidrstudio.console.kubectl.CreateOptions;
import dev.cidrstudio.console.kubectl.DeleteOptions;
import dev.cidrstudio.console.kubectl.DescribeOptions;
import dev.cidrstudio.console.kubectl.ExecOptions;
import dev.cidrstudio.console.kubectl.ExposeOptions;
import dev.cidrstudio.console.kubectl.Factory;
import dev.cidrstudio.console.kubectl.GetOptions;
import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.LabelOptions;
import dev.cidrstudio.console.kubectl.LogsOptions;
import dev.cidrstudio.console.kubectl.PatchOptions;
import dev.cidrstudio.console.kubectl.Result;
import dev.cidrstudio.console.kubectl.RunOptions;
import dev.cidrstudio.console.kubectl.WaitOptions;
import dev.cidrstudio.console.kubectl.UsageException;
import dev.cidrstudio.console.kubectl.VersionOptions;
import dev.cidrstudio.model.cluster.ApiServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubectl practice console: runs one kubectl command line against the simulated cluster and returns what a
 * terminal would show, with kubectl 1.34's output, messages and exit codes. Each command lives in
 * {@code console.kubectl} as an options type that completes, validates and runs itself; this class finds the
 * command and turns what it did into the terminal's view.
 */
public final class Kubectl {

    /** Reads the file named by {@code -f}. */
    @FunctionalInterface
    public interface FileSource {
        String read(String path) throws IOException;
    }

    private static final String HELP = "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: "
            + "https://kubernetes.io/docs/reference/kubectl/\n";

    private final ApiServer api;
    private final Factory factory;

    public Kubectl(ApiServer api, FileSource files) {
        this.api = api;
        this.factory = new Factory(api, files::read);
    }

    /** Runs {@code kubectl ARGS}; {@code stdin} feeds {@code -f -}. */
    public CommandResult run(List<String> args, String stdin) {
        // Warnings from writes made outside the console belong to no command.
        api.takeWarnings();
        try {
            Result r = dispatch(args, stdin == null ? "" : stdin);
            // A write's warnings come before the command's own lines, never at a later command.
            String left = factory.warnings();
            return new CommandResult(r.stdout(), factory.takeLog() + left + r.stderr(), r.exitCode());
        } catch (FlagException e) {
            String command = e.command() != null ? e.command() : commandName(args);
            return failed("error: " + e.getMessage() + "\nSee 'kubectl " + command + " --help' for usage.\n");
        } catch (UsageException e) {
            return failed(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
        }
    }

    /** A refused command: klog's lines written before the refusal come first. */
    private CommandResult failed(String stderr) {
        return new CommandResult("", factory.takeLog() + stderr, 1);
    }

    private static String commandName(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return "";
    }

    /** The command is the first word that is neither a flag nor the value of {@code -n}. */
    private Result dispatch(List<String> args, String stdin) throws FlagException, UsageException {
        int idx = -1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--namespace")) {
                i++;
                continue;
            }
            if (!a.startsWith("-")) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return new Result(HELP, "", 0);
        }
        String name = args.get(idx);
        List<String> rest = new ArrayList<>(args.subList(0, idx));
        rest.addAll(args.subList(idx + 1, args.size()));
        Command command = switch (name) {
            case "get" -> new GetOptions(factory, stdin);
            case "describe" -> new DescribeOptions(factory);
            case "create" -> new CreateOptions(factory, stdin);
            case "apply" -> new ApplyOptions(factory, stdin);
            case "delete" -> new DeleteOptions(factory, stdin);
            case "version" -> new VersionOptions(factory);
            case "api-resources" -> new ApiResourcesOptions(factory);
            case "run" -> new RunOptions(factory);
            case "exec" -> new ExecOptions(factory);
            case "logs" -> new LogsOptions(factory);
            case "label" -> new LabelOptions(factory, stdin);
            case "annotate" -> new AnnotateOptions(factory, stdin);
            case "expose" -> new ExposeOptions(factory, stdin);
            case "patch" -> new PatchOptions(factory, stdin);
            case "wait" -> new WaitOptions(factory);
            default -> null;
        };
        if (command == null) {
            if (idx > 0) {
                // kubectl looks for a plugin before cobra reports the word, and a plugin's name comes first.
                return new Result("", "Error: flags cannot be placed before plugin name: " + args.get(0) + "\n", 1);
            }
            return new Result("", CommandSuggestions.unknownCommand(name, api.settings().kubernetesVersion()), 1);
        }
        return Command.execute(command, rest);
    }

    /** The ApiServer this console talks to. */
    public ApiServer api() {
        return api;
    }
}
