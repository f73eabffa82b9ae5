package dev.cidrstudio.wizard;

import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.Transaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The step engine: runs a scenario on its own copy of the plan, through the console as a person would type it, and
 * keeps the cluster's state after every step so the user can go back (undo) and jump. In practice mode the learner
 * types the commands instead ({@link #type}) and {@link #complete} moves on once the step's checks hold. The plan
 * the scenario was built from is never touched; {@link #cluster()} is what the user may apply to it.
 */
public final class Rehearsal {

    /** One command as typed and what it printed, in order. */
    public record Entry(String command, List<ConsoleOutput> output) {

        public String text() {
            StringBuilder sb = new StringBuilder();
            output.forEach(o -> sb.append(o.text()));
            return sb.toString();
        }
    }

    /** A step that ran: its transcript, its checks afterwards, and what it changed. */
    public record StepRun(int index, List<Entry> transcript, List<CheckResult> checks, StateDiff diff,
            ClusterState before, ClusterState after) {

        public boolean passed() {
            return checks.stream().allMatch(CheckResult::passed);
        }
    }

    /** A step that could not run: the preconditions that do not hold. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<CheckResult> failed;

        Refused(String message, List<CheckResult> failed) {
            super(message);
            this.failed = List.copyOf(failed);
        }

        public List<CheckResult> failed() {
            return failed;
        }
    }

    private final Scenario scenario;
    private final ApiServer api;
    private final Map<String, String> files = new HashMap<>();
    private final ScriptRunner runner;
    private final List<StepRun> done = new ArrayList<>();
    private final List<Entry> typed = new ArrayList<>();
    private final ClusterState initial;
    private final Map<String, String> extraFiles;
    /** One open transaction per step done, innermost last: taking a step back rolls its transaction back. */
    private final List<Transaction> stepChanges = new ArrayList<>();
    /** What was typed since the last step was done. */
    private Transaction sinceLastStep;

    public Rehearsal(Scenario scenario) {
        this(scenario, Map.of());
    }

    /** A rehearsal whose commands may also read {@code extraFiles} by their names (an exercise's files). */
    public Rehearsal(Scenario scenario, Map<String, String> extraFiles) {
        this.scenario = scenario;
        this.api = ApiServer.fromState(scenario.start());
        this.extraFiles = Map.copyOf(extraFiles);
        files.putAll(extraFiles);
        for (Manifest m : scenario.manifests()) {
            files.put(m.path(), m.content());
        }
        this.runner = new ScriptRunner(new Kubectl(api, this::read), this::read).withFileSink(files::put);
        // The console's kubelets start the plan's pending Pods as it opens: that is where step 1 starts.
        this.initial = api.snapshot();
        this.sinceLastStep = api.begin();
    }

    private String read(String path) throws IOException {
        String p = path.startsWith("./") ? path.substring(2) : path;
        String content = files.get(p);
        if (content == null) {
            throw new IOException("open " + path + ": no such file or directory");
        }
        return content;
    }

    /** The files given besides the scenario's manifests (an exercise's). */
    public Map<String, String> extraFiles() {
        return extraFiles;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The simulated cluster as it is now. */
    public ApiServer cluster() {
        return api;
    }

    /** How many steps are done; the next one to run has this index. */
    public int position() {
        return done.size();
    }

    public boolean finished() {
        return done.size() == scenario.steps().size();
    }

    public List<StepRun> done() {
        return List.copyOf(done);
    }

    public Optional<Step> nextStep() {
        return finished() ? Optional.empty() : Optional.of(scenario.steps().get(done.size()));
    }

    /** The state before step {@code index} ran. */
    public ClusterState stateBefore(int index) {
        return index == 0 ? initial : done.get(index - 1).after();
    }

    /** Runs the next step's commands; refused when the pre-flight failed or a precondition does not hold. */
    public StepRun runNext() throws Refused {
        Step step = checkedNextStep();
        // What the learner typed before the step belongs to the state before it.
        sinceLastStep.commit();
        sinceLastStep = api.begin();
        ClusterState before = api.snapshot();
        List<Entry> transcript = new ArrayList<>();
        // The operator starts the step; its commands then follow one another as the runbook's script runs them.
        boolean first = true;
        for (String command : step.commands()) {
            runner.withTypingPause(first ? ScriptRunner.TYPING_PAUSE : java.time.Duration.ZERO);
            first = false;
            transcript.add(new Entry(command, runner.run(command)));
            if (runner.stopped()) {
                break;
            }
        }
        runner.withTypingPause(ScriptRunner.TYPING_PAUSE);
        return record(step, before, transcript);
    }

    private Step checkedNextStep() throws Refused {
        if (!scenario.ready()) {
            throw new Refused("the pre-flight checks failed: fix them before step 1", List.of());
        }
        Step step = nextStep().orElseThrow(() -> new Refused("every step is done", List.of()));
        List<CheckResult> pre = evaluate(step.preconditions());
        List<CheckResult> failed = pre.stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            throw new Refused("step " + (done.size() + 1) + " cannot start: " + failed.get(0).check().description()
                    + ": " + failed.get(0).detail(), failed);
        }
        return step;
    }

    private StepRun record(Step step, ClusterState before, List<Entry> transcript) {
        ClusterState after = api.snapshot();
        List<CheckResult> results = new ArrayList<>();
        for (Check c : step.checks()) {
            results.add(evaluate(c, transcript));
        }
        StepRun run = new StepRun(done.size(), transcript, results, StateDiff.between(before, after), before, after);
        done.add(run);
        stepChanges.add(sinceLastStep);
        sinceLastStep = api.begin();
        return run;
    }

    /** Practice mode: the learner's own command against the rehearsal's cluster. */
    public Entry type(String commandLine) {
        Entry e = new Entry(commandLine, runner.run(commandLine));
        typed.add(e);
        return e;
    }

    /** The current step's checks against the cluster as it is now. */
    public List<CheckResult> checkNow() {
        return nextStep().map(s -> evaluate(s.checks())).orElse(List.of());
    }

    /**
     * Practice mode: when the current step's checks hold, records it as done with what the learner typed since the
     * last step; else refuses, naming the checks that do not hold yet.
     */
    public StepRun complete() throws Refused {
        Step step = nextStep().orElseThrow(() -> new Refused("every step is done", List.of()));
        List<CheckResult> failed = evaluate(step.checks()).stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            throw new Refused("not yet: " + failed.get(0).check().description() + ": " + failed.get(0).detail(),
                    failed);
        }
        ClusterState before = stateBefore(done.size());
        List<Entry> transcript = List.copyOf(typed);
        typed.clear();
        return record(step, before, transcript);
    }

    /** Takes the last step back: the cluster returns to the state before it. */
    public void back() {
        if (done.isEmpty()) {
            return;
        }
        done.remove(done.size() - 1);
        sinceLastStep.rollback();
        stepChanges.remove(stepChanges.size() - 1).rollback();
        sinceLastStep = api.begin();
        typed.clear();
    }

    /** Goes back or runs forward until {@code target} steps are done. */
    public void jumpTo(int target) throws Refused {
        if (target < 0 || target > scenario.steps().size()) {
            throw new IllegalArgumentException("no step " + target);
        }
        while (done.size() > target) {
            back();
        }
        while (done.size() < target) {
            runNext();
        }
    }

    /** Runs every remaining step. */
    public void runAll() throws Refused {
        jumpTo(scenario.steps().size());
    }

    List<CheckResult> evaluate(List<Check> checks) {
        List<CheckResult> out = new ArrayList<>();
        for (Check c : checks) {
            out.add(evaluate(c));
        }
        return out;
    }

    /** A check against the cluster as it is now; a command check is rolled back, so checking changes nothing. */
    public CheckResult evaluate(Check check) {
        return evaluate(check, typed);
    }

    private CheckResult evaluate(Check check, List<Entry> ran) {
        if (check instanceof Check.CommandCheck c) {
            String got = capture(c.command());
            return got.equals(c.expected()) ? new CheckResult(c, true, "")
                    : new CheckResult(c, false, "expected " + quote(c.expected()) + ", got " + quote(got));
        }
        if (check instanceof Check.OutputCheck c) {
            String got = capture(c.command());
            boolean ok;
            try {
                ok = c.regex() ? com.google.re2j.Pattern.compile(c.pattern()).matcher(got).find()
                        : got.contains(c.pattern());
            } catch (com.google.re2j.PatternSyntaxException e) {
                return new CheckResult(c, false, invalidPattern(e));
            }
            return ok ? new CheckResult(c, true, "") : new CheckResult(c, false, "\"" + c.command()
                    + "\" prints " + quote(abbreviate(got)) + ", without " + quote(c.pattern()));
        }
        if (check instanceof Check.TypedCheck c) {
            com.google.re2j.Pattern p;
            try {
                p = com.google.re2j.Pattern.compile(c.pattern());
            } catch (com.google.re2j.PatternSyntaxException e) {
                return new CheckResult(c, false, invalidPattern(e));
            }
            boolean ok = ran.stream().anyMatch(e -> p.matcher(e.command()).find());
            return ok ? new CheckResult(c, true, "") : new CheckResult(c, false, "run a command like: " + c.command());
        }
        Check.StateCheck s = (Check.StateCheck) check;
        Optional<String> failure = s.failure().apply(api);
        return new CheckResult(s, failure.isEmpty(), failure.orElse(""));
    }

    /**
     * A check's pattern RE2 refuses (Go's regexp is RE2 too, so the text is Go's: {@code error parsing regexp:
     * missing closing ): `(`}). Patterns run on RE2: linear in the output whatever the pattern.
     */
    private static String invalidPattern(com.google.re2j.PatternSyntaxException e) {
        return "the check's pattern is not a valid regular expression: " + e.getMessage();
    }

    /** What a command prints, in a transaction always rolled back, so checking changes nothing; trailing newlines
     * dropped. */
    private String capture(String command) {
        String out = api.whatIf(() -> new ScriptRunner(new Kubectl(api, this::read), this::read).capture(command));
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(0, end);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }

    private static String quote(String s) {
        return s.isEmpty() ? "nothing" : "\"" + s + "\"";
    }

    /** The files the steps wrote with {@code > FILE} and the manifests, by path. */
    public Map<String, String> files() {
        return Map.copyOf(files);
    }
}
