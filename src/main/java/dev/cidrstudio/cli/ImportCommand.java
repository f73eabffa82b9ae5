package dev.cidrstudio.cli;

import dev.cidrstudio.app.CapacityReport;
import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.ManifestExport;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.console.kubectl.TabWriter;
import dev.cidrstudio.io.plan.StateFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio import FILE...}: read manifests or a cluster dump and report utilization and findings. */
@Command(name = "import", header = "Import manifests or a cluster dump and summarise what they hold.", mixinStandardHelpOptions = true, description = {
    "Import manifests or a cluster dump (kubectl get ... -o yaml|json) and print what they hold:",
    "objects per kind, each ServiceCIDR's utilization, and what a real cluster's controllers would report."})
public final class ImportCommand extends StreamCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML or JSON files; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN", description = "Also save the result as a plan file.")
    Path output;

    public ImportCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        List<ManifestImport.Source> sources = readOrReport(files);
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
        out.print(summary(r, sources));
        if (output != null) {
            try {
                StateFile.writeAtomically(output, w -> ManifestExport.export(r.api(), ManifestExport.Options.PLAN, w));
                out.println("Saved plan " + output);
            } catch (StateFile.CannotSave e) {
                err.println("error: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println(output + ": error: cannot save: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    static String summary(PlanLoader.Result r, List<ManifestImport.Source> sources) {
        StringBuilder sb = new StringBuilder();
        sb.append("Imported ").append(r.report().total()).append(" objects from ")
                .append(String.join(", ", sources.stream().map(ManifestImport.Source::name).toList())).append("\n\n");
        StringBuilder kinds = new StringBuilder("KIND\tOBJECTS\n");
        for (Map.Entry<String, Integer> e : r.report().countsByKind().entrySet()) {
            kinds.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        sb.append(TabWriter.KUBECTL_TABLE.format(kinds.toString())).append('\n');
        StringBuilder cidrs = new StringBuilder("SERVICECIDR\tCIDR\tSTATUS\tUSABLE\tALLOCATED\tFREE\tSTATIC USED"
                + "\tSTATIC FREE\tDYNAMIC USED\tDYNAMIC FREE\n");
        for (CapacityReport.Row row : CapacityReport.of(r.api().state())) {
            cidrs.append(row.serviceCidr()).append('\t').append(row.cidr()).append('\t').append(row.status())
                    .append('\t');
            if (row.note() != null) {
                cidrs.append("0\t0\t0\t-\t-\t-\t-\n");
                continue;
            }
            cidrs.append(row.usable()).append('\t').append(row.allocated()).append('\t').append(row.free())
                    .append('\t').append(row.staticUsed()).append('\t')
                    .append(row.staticBandSize() - row.staticUsed()).append('\t').append(row.dynamicUsed())
                    .append('\t').append(row.dynamicBandSize().subtract(java.math.BigInteger.valueOf(
                            row.dynamicUsed()))).append('\n');
        }
        sb.append(TabWriter.KUBECTL_TABLE.format(cidrs.toString()));
        for (CapacityReport.Row row : CapacityReport.of(r.api().state())) {
            if (row.note() != null) {
                sb.append(row.serviceCidr()).append(' ').append(row.cidr()).append(": ").append(row.note())
                        .append('\n');
            }
        }
        List<Finding> findings = r.report().findings();
        sb.append('\n');
        if (findings.isEmpty()) {
            sb.append("No findings.\n");
        } else {
            sb.append("Findings:\n");
            for (Finding f : findings) {
                sb.append(f.describe()).append('\n');
            }
        }
        return sb.toString();
    }
}
