package dev.cidrstudio.cli;

import dev.cidrstudio.app.AddressPlanCheck;
import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.ManifestCheck;
import dev.cidrstudio.app.ManifestImport;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio check FILE...}: validate as kube-apiserver would, one finding a line. */
@Command(name = "check", header = "Validate manifests as kube-apiserver would, one finding a line.", mixinStandardHelpOptions = true, description = {
    "Validate manifests as kube-apiserver would and print one finding a line:",
    "FILE:LINE: error|warning: MESSAGE. On a plan (files with a Cluster document) without errors, also warn of",
    "every overlap among its Service ranges, Pod range, node blocks and node addresses, and with the networks in",
    "spec.networks and Docker's default bridge 172.17.0.0/16. Exit 0 when clean (warnings allowed), 1 with",
    "errors, 2 when a file cannot be read."})
public final class CheckCommand extends StreamCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML or JSON files; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--dual-stack", description = "Also walk the 'Validate IPv4/IPv6 dual-stack' "
            + "page for the files taken as one plan; each failing item is an error.")
    boolean dualStack;

    public CheckCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        List<ManifestImport.Source> sources = readOrReport(files);
        if (sources == null) {
            return 2;
        }
        boolean errors = false;
        for (Finding f : ManifestCheck.check(sources)) {
            if (f.severity() == Finding.Severity.INFO) {
                continue;
            }
            out.println(f.describe());
            errors |= f.severity() == Finding.Severity.ERROR;
        }
        if (!errors) {
            // A plan that does not load has nothing to plan with; its errors say why.
            for (Finding f : AddressPlanCheck.findings(sources)) {
                out.println(f.describe());
            }
        }
        if (dualStack && !errors) {
            try {
                var plan = dev.cidrstudio.app.PlanLoader.load(sources);
                for (var item : dev.cidrstudio.app.DualStackReport.of(plan.api())) {
                    if (!item.pass()) {
                        out.println(sources.get(0).name() + ": error: dual-stack: " + item.subject() + ": "
                                + item.reason());
                        errors = true;
                    }
                }
            } catch (ManifestImport.ImportException e) {
                e.findings().forEach(f -> out.println(f.describe()));
                errors = true;
            }
        }
        return errors ? 1 : 0;
    }
}
