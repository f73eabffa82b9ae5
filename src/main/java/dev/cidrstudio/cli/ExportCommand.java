package dev.cidrstudio.cli;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.ManifestExport;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.io.plan.StateFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio export PLAN}: the planned cluster as manifests for {@code kubectl apply}. */
@Command(name = "export", header = "Write a plan as manifests you can kubectl apply.", mixinStandardHelpOptions = true, description = {
    "Write a plan as manifests you can kubectl apply: kubectl-style YAML in a dependency-safe order,",
    "without server-owned fields (uid, resourceVersion, creationTimestamp, status) unless --keep-status."})
public final class ExportCommand extends StreamCommand {

    @Parameters(paramLabel = "PLAN", description = "Plan file (a Cluster document and objects), or a dump.")
    String plan;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of "
            + "standard output.")
    Path output;

    @Option(names = "--keep-status", description = "Keep server-owned fields, status, system objects and events.")
    boolean keepStatus;

    @Option(names = "--include-cluster", description = "Start with the Cluster settings document.")
    boolean includeCluster;

    public ExportCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        List<ManifestImport.Source> sources = readOrReport(List.of(plan));
        if (sources == null) {
            return 2;
        }
        PlanLoader.Result r;
        try {
            r = PlanLoader.load(sources);
        } catch (ManifestImport.ImportException e) {
            for (Finding f : e.findings()) {
                err.println(f.describe());
            }
            return 1;
        }
        String yaml = ManifestExport.export(r.api(), new ManifestExport.Options(keepStatus, includeCluster));
        if (output == null) {
            out.print(yaml);
            return 0;
        }
        try {
            StateFile.writeAtomically(output, yaml);
            return 0;
        } catch (StateFile.CannotSave e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(output + ": error: cannot write: " + e.getMessage());
            return 1;
        }
    }
}
