package dev.cidrstudio.bench;

import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.wizard.Rehearsal;
import dev.cidrstudio.wizard.Scenario;
import dev.cidrstudio.wizard.ScenarioKind;
import dev.cidrstudio.wizard.Scenarios;
import dev.cidrstudio.wizard.StateTables;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wizard on a plan of 10,000 Services: building "replace the primary ServiceCIDR" with its pre-flight, running
 * its seven steps (step 5 recreates every Service in the new range), and the tables of the cluster after step 5 that
 * the Wizard tab shows when that step is selected. Run with
 * {@code mvn -q test-compile exec:exec -Pbench -Dbench.args=dev.cidrstudio.bench.WizardBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class WizardBenchmark {

    private ClusterState plan;
    private Scenario scenario;
    private Rehearsal.StepRun recreate;

    @Setup
    public void setUp() throws Exception {
        plan = PlanLoader.load("large.cidrplan.yaml", StartupBench.largePlan()).api().state();
        scenario = prepare();
        Rehearsal r = new Rehearsal(scenario);
        r.runAll();
        recreate = r.done().get(4);
    }

    private Scenario prepare() {
        return Scenarios.build(plan, ScenarioKind.REPLACE_PRIMARY, Optional.of("10.112.0.0/16"));
    }

    /** Prepare: the scenario built from the plan, with every pre-flight check. */
    @Benchmark
    public Scenario prepareWithPreflight() {
        return prepare();
    }

    /** Run all: the seven steps with their checks and diffs, on a copy of the plan. */
    @Benchmark
    public int rehearseAllSevenSteps() throws Rehearsal.Refused {
        Rehearsal r = new Rehearsal(scenario);
        r.runAll();
        return r.position();
    }

    /** Selecting step 5: the ServiceCIDR and Service tables of its cluster, marked against the step before. */
    @Benchmark
    public StateTables tablesAfterRecreatingEveryService() {
        return StateTables.between(recreate.before(), recreate.after());
    }
}
