package dev.cidrstudio.wizard;

import dev.cidrstudio.app.DemoPlan;
import dev.cidrstudio.console.ConsoleOutput;
import java.util.Optional;

/** Prints a scenario's rehearsal, for looking at it by hand. */
final class WizardDump {

    static String dump(Rehearsal r) {
        StringBuilder sb = new StringBuilder();
        Scenario s = r.scenario();
        sb.append("# ").append(s.title()).append('\n');
        s.preflight().forEach(f -> sb.append(f.describe()).append('\n'));
        for (Rehearsal.StepRun run : r.done()) {
            sb.append("## ").append(run.index() + 1).append(". ").append(s.steps().get(run.index()).title()).append('\n');
            for (Rehearsal.Entry e : run.transcript()) {
                sb.append("$ ").append(e.command()).append('\n');
                for (ConsoleOutput o : e.output()) {
                    sb.append(o instanceof ConsoleOutput.Stderr ? "!" : "").append(o.text());
                }
            }
            run.checks().forEach(c -> sb.append(c.passed() ? "  ok " : "  FAILED ").append(c.check().description())
                    .append(' ').append(c.detail()).append('\n'));
            run.diff().lines().forEach(l -> sb.append("  ").append(l.describe()).append('\n'));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        ScenarioKind kind = ScenarioKind.byId(args[0]).orElseThrow();
        var plan = args.length > 3 ? dev.cidrstudio.app.PlanLoader.load(args[3],
                java.nio.file.Files.readString(java.nio.file.Path.of(args[3]))).api() : DemoPlan.load().api();
        Scenario s = Scenarios.build(plan.state(), kind,
                args.length > 1 && !args[1].isEmpty() ? Optional.of(args[1]) : Optional.empty());
        Rehearsal r = new Rehearsal(s);
        if (s.ready()) {
            r.runAll();
        }
        System.out.println(dump(r));
    }
}
