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

    @Option(names = "--drop-allocated-ips", description = "Leave out the cluster IPs the allocator picked (in a "
            + "range's dynamic band), so the export applies to a cluster with other Service ranges; hand-picked "
            + "addresses (the static band) stay.")
    boolean dropAllocatedIps;

    @Option(names = "--split", paramLabel = "DIR", description = "Write one file per namespace into DIR "
            + "(cluster-scoped.yaml, namespace-NAME.yaml), for 'kubectl apply -f DIR'; DIR is made if missing.")
    Path split;

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
        ManifestExport.Options options = new ManifestExport.Options(keepStatus, includeCluster, dropAllocatedIps);
        if (split != null) {
            if (output != null) {
                err.println("cidrstudio: --split and --output cannot be used together");
                return 2;
            }
            return writeSplit(ManifestExport.byNamespace(r.api(), options));
        }
        String yaml = ManifestExport.export(r.api(), options);
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

    private int writeSplit(java.util.Map<String, String> files) {
        try {
            java.nio.file.Files.createDirectories(split);
        } catch (IOException e) {
            err.println(split + ": error: cannot make the folder: " + e.getMessage());
            return 1;
        }
        for (var f : files.entrySet()) {
            Path target = split.resolve(f.getKey());
            try {
                StateFile.writeAtomically(target, f.getValue());
            } catch (StateFile.CannotSave e) {
                err.println("error: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println(target + ": error: cannot write: " + e.getMessage());
                return 1;
            }
            out.println("wrote " + target);
        }
        return 0;
    }
}
