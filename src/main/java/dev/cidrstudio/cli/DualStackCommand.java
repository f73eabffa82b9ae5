package dev.cidrstudio.cli;

import dev.cidrstudio.app.DualStackReport;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio dualstack PLAN}: the "Validate IPv4/IPv6 dual-stack" page, walked for a plan. */
@Command(name = "dualstack", header = "Walk the 'Validate IPv4/IPv6 dual-stack' checks for a plan.", mixinStandardHelpOptions = true, description = {
    "Walk the 'Validate IPv4/IPv6 dual-stack' page for a plan: the cluster's ranges, each Node's pod CIDRs",
    "and addresses, each Pod's addresses, each Service's families and cluster IPs. One PASS/FAIL line per",
    "item with the reason; exit 1 when an item fails."})
public final class DualStackCommand extends StreamCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Plan or manifests; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    public DualStackCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        List<ManifestImport.Source> sources = readOrReport(files);
        if (sources == null) {
            return 2;
        }
        PlanLoader.Result plan = loadOrReport(sources);
        if (plan == null) {
            return 1;
        }
        boolean failed = false;
        for (DualStackReport.Item item : DualStackReport.of(plan.api())) {
            out.println(item.describe());
            failed |= !item.pass();
        }
        return failed ? 1 : 0;
    }
}
