package dev.cidrstudio.cli;

import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.wizard.CheckResult;
import dev.cidrstudio.wizard.PreflightFinding;
import dev.cidrstudio.wizard.Rehearsal;
import dev.cidrstudio.wizard.Runbook;
import dev.cidrstudio.wizard.Scenario;
import dev.cidrstudio.wizard.ScenarioKind;
import dev.cidrstudio.wizard.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio wizard PLAN --scenario S [--to CIDR] -o DIR}: rehearse a reconfiguration and write its runbook. */
@Command(name = "wizard", header = "Rehearse a Service CIDR reconfiguration on a plan and write its runbook.",
        mixinStandardHelpOptions = true, description = {
            "Rehearse one of the reconfigurations of 'Kubernetes Default ServiceCIDR Reconfiguration' on a copy of",
            "the plan: pre-flight checks, then every step through the practice console, with its checks. Writes a",
            "runbook folder: runbook.md, runbook.sh (the kubectl commands with a check after each step; it runs",
            "with bash against a cluster and with 'cidrstudio kubectl --cluster PLAN' against the plan) and",
            "manifests/. The rehearsal's control plane has the plan's kube-apiservers (spec.apiServers in its",
            "Cluster document). Exit 1 when a pre-flight check or a step's check fails; the plan is never changed."})
public final class WizardCommand extends StreamCommand {

    @Parameters(paramLabel = "PLAN", description = "The plan file.")
    String plan;

    @Option(names = "--scenario", required = true, paramLabel = "NAME",
            description = "extend, single-to-dual, dual-to-single or replace-primary.")
    String scenario;

    @Option(names = "--to", paramLabel = "CIDR[,CIDR]", description = "The new ServiceCIDR's ranges (extend), the "
            + "secondary range (single-to-dual) or the new primary (replace-primary). Default: the planner's "
            + "suggestion.")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the runbook.")
    Path output;

    public WizardCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        Optional<ScenarioKind> kind = ScenarioKind.byId(scenario);
        if (kind.isEmpty()) {
            err.println("cidrstudio wizard: unknown scenario \"" + scenario + "\" (use one of "
                    + String.join(", ", Arrays.stream(ScenarioKind.values()).map(ScenarioKind::id).toList()) + ")");
            return 2;
        }
        List<ManifestImport.Source> sources = readOrReport(List.of(plan));
        if (sources == null) {
            return 2;
        }
        PlanLoader.Result loaded;
        try {
            loaded = PlanLoader.load(sources);
        } catch (ManifestImport.ImportException e) {
            e.findings().forEach(f -> err.println(f.describe()));
            return 1;
        }
        Scenario s = Scenarios.build(loaded.api().state(), kind.get(), Optional.ofNullable(to));
        out.println(s.title());
        out.println();
        out.println("Pre-flight:");
        s.preflight().forEach(f -> out.println("  " + f.describe()));
        if (!s.ready()) {
            if (!s.alternatives().isEmpty()) {
                out.println("What would work: --to " + String.join(" or --to ", s.alternatives()));
            }
            err.println("error: the pre-flight checks failed; nothing was rehearsed");
            return 1;
        }
        Rehearsal r = new Rehearsal(s);
        boolean failed = false;
        try {
            r.runAll();
        } catch (Rehearsal.Refused e) {
            err.println("error: " + e.getMessage());
            failed = true;
        }
        for (Rehearsal.StepRun run : r.done()) {
            out.println();
            out.println("Step " + (run.index() + 1) + ": " + s.steps().get(run.index()).title());
            for (CheckResult c : run.checks()) {
                out.println("  " + (c.passed() ? "ok      " : "FAILED  ") + c.check().description()
                        + (c.passed() ? "" : ": " + c.detail()));
                failed |= !c.passed();
            }
            run.diff().lines().forEach(l -> out.println("  " + l.describe()));
        }
        if (output != null) {
            try {
                Runbook.write(r, Path.of(plan).getFileName().toString(), output);
            } catch (IOException e) {
                err.println("error: cannot write the runbook to " + output + ": " + e.getMessage());
                return 1;
            }
            out.println();
            out.println("Runbook written to " + output + " (" + Runbook.MARKDOWN + ", " + Runbook.SCRIPT
                    + ", " + s.manifests().size() + " manifest" + (s.manifests().size() == 1 ? "" : "s") + ")");
        }
        long warned = s.preflight().stream().filter(f -> f.verdict() == PreflightFinding.Verdict.WARN).count();
        if (warned > 0) {
            out.println(warned + " pre-flight warning" + (warned == 1 ? "" : "s") + ": read them before you start.");
        }
        return failed ? 1 : 0;
    }
}
