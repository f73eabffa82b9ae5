package dev.cidrstudio.ui.console;

import dev.cidrstudio.ui.workspace.TaskRunner;
import dev.cidrstudio.ui.workspace.Workspace;
import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.app.PlanCommand;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.DocsPages;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.wizard.Rehearsal;
import dev.cidrstudio.wizard.Scenario;
import dev.cidrstudio.wizard.Step;
import dev.cidrstudio.wizard.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Console tab: kubectl against the open plan, as the command-line console runs it (scripts, heredocs,
 * loops, pipes to jq and grep). A command that writes is one undoable edit of the plan; what a command prints
 * is kept as the transcript, standard error apart from standard output.
 */
public final class ConsoleViewModel {

    /** One piece of the transcript: the command typed, or what it printed. */
    public record Line(String text, boolean command, boolean error) {
    }

    static final int MAX_LINES = 5000;

    private PlanSession session;
    /** Runs long work off the UI thread (the window's worker), or null to run everything in place. */
    private TaskRunner runner;
    /** Scripts that may run long: loops. */
    private static final Pattern LONG = Pattern.compile("(?m)(?:^|[;&|]\\s*)(?:for|while|until)\\s");
    /** A scratch cluster for replaying a docs page; null while the console works on the plan. */
    private ApiServer practice;
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("the plan");
    private final ObservableList<Line> transcript = FXCollections.observableArrayList();
    private final StringProperty input = new SimpleStringProperty("");
    private final List<String> history = new ArrayList<>();
    private int historyAt;

    public void load(PlanSession s) {
        this.session = s;
    }

    /** Another plan was opened (or a new one started): a clean transcript on it, no practice cluster. */
    public void planReplaced() {
        transcript.clear();
        usePlan();
    }

    /**
     * Loads a docs page's commands into the input and switches to a practice cluster set up as the page assumes
     * (the plan is not touched); {@link #usePlan()} goes back.
     */
    public void loadDocsPage(DocsPages.Page page) {
        exercise = null;
        exerciseActive.set(false);
        try {
            practice = ApiServer.bootstrap(page.cluster());
        } catch (ClusterConfigException e) {
            add(new Line(String.join("; ", e.errors()), false, true));
            return;
        }
        target.set("a practice cluster for \"" + page.title() + "\"");
        add(new Line("# " + page.title() + ": a fresh practice cluster (service range "
                + page.cluster().serviceClusterIPRange() + "); the plan is not touched", true, false));
        input.set(page.script().strip());
        ran();
    }

    /** Works on the plan again. */
    public void usePlan() {
        practice = null;
        exercise = null;
        exerciseActive.set(false);
        target.set("the plan");
        ran();
    }

    // ---- exercises ----

    /** The exercise being done, or null. */
    private Rehearsal exercise;
    private int hintsShown;
    private final javafx.beans.property.ReadOnlyBooleanWrapper exerciseActive =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper exerciseTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exerciseStep = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exerciseExplanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exerciseFeedback = new ReadOnlyStringWrapper("");
    private final ObservableList<String> exerciseChecks = FXCollections.observableArrayList();
    private final ObservableList<String> exerciseHints = FXCollections.observableArrayList();
    private Workspace workspace;

    /** The window's workspace, told after each command which cluster the console works on. */
    public void use(Workspace ws) {
        this.workspace = ws;
    }

    private void ran() {
        if (workspace != null) {
            workspace.showPractice(exercise != null ? exercise.cluster() : practice, target.get());
        }
    }

    /** Starts an exercise on its own practice cluster; the plan is not touched. */
    public void startExercise(Training.Exercise ex) {
        practice = null;
        transcript.clear();
        exercise = ex.start();
        exerciseActive.set(true);
        exerciseTitle.set(ex.title());
        target.set("the exercise \"" + ex.title() + "\"");
        add(new Line("# Exercise: " + ex.title() + " on a fresh practice cluster; the plan is not touched", true,
                false));
        input.set("");
        showExerciseStep("");
        ran();
    }

    /** Loads a trainer's exercise file; returns the problems (empty when it started). */
    public List<String> loadExercise(java.nio.file.Path file) {
        try {
            startExercise(Training.load(file.getFileName().toString(), LocalFiles.read(file)));
            return List.of();
        } catch (Training.InvalidExercise e) {
            return e.findings().stream().map(dev.cidrstudio.app.Finding::describe).toList();
        } catch (java.io.IOException e) {
            return List.of(file.getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * The learner's commands, then the step's checks: both run on the window's worker (a learner's loop may fill
     * the practice cluster, and the checks read all of it); the transcript and the exercise panel are updated back
     * on the UI thread. The workspace is disabled meanwhile, so nothing else touches the exercise.
     */
    private void runExercise(String text) {
        Rehearsal ex = exercise;
        List<Segment> out = new ArrayList<>();
        List<Turn> turn = new ArrayList<>(1);
        inBackground("Running the exercise's commands", () -> {
            for (String c : ScriptRunner.commands(text)) {
                out.add(new Segment(c, ex.type(c).output()));
            }
            // A step is done once its checks hold after the learner's own commands.
            boolean holds = !ex.finished()
                    && ex.checkNow().stream().allMatch(dev.cidrstudio.wizard.CheckResult::passed);
            turn.add(holds ? completeStep(ex) : new Turn(null, "", panel(ex)));
        }, () -> {
            show(out);
            turn.forEach(this::apply);
            ran();
        });
    }

    /** Checks the current step now: done, or what is still missing. */
    public void checkStep() {
        Rehearsal ex = exercise;
        if (ex == null || ex.finished()) {
            return;
        }
        List<Turn> turn = new ArrayList<>(1);
        inBackground("Checking the step", () -> turn.add(completeStep(ex)), () -> {
            turn.forEach(this::apply);
            ran();
        });
    }

    /** Runs {@code work} on the window's worker (in place without one), then {@code then} on the UI thread. */
    private void inBackground(String what, Runnable work, Runnable then) {
        if (runner == null) {
            work.run();
            then.run();
            return;
        }
        runner.run(what, cancelled -> {
            work.run();
            return what + ": done";
        }, outcome -> {
            if (!outcome.equals(what + ": done")) {
                add(new Line(outcome, false, true));
            }
            then.run();
        });
    }

    /** What the exercise panel shows: the step, its explanation and its checks as they stand. */
    private record Panel(String step, String explanation, List<String> checks) {
    }

    /** The outcome of a turn: a line for the transcript (or none), the feedback, and the panel afterwards. */
    private record Turn(Line note, String feedback, Panel panel) {
    }

    /** Completes the next step if its checks hold; reads and writes only the exercise (any thread). */
    private static Turn completeStep(Rehearsal ex) {
        int n = ex.position() + 1;
        String title = ex.nextStep().map(Step::title).orElse("");
        try {
            ex.complete();
            return new Turn(new Line("# \u2713 Step " + n + " done: " + title, true, false),
                    ex.finished() ? "Exercise complete: every step's checks hold. Well done."
                            : "\u2713 Step " + n + " done. On to the next.", panel(ex));
        } catch (Rehearsal.Refused e) {
            return new Turn(null, e.getMessage().replaceFirst("^not yet: ", "Not yet: "), panel(ex));
        }
    }

    private void apply(Turn t) {
        if (t.note() != null) {
            add(t.note());
            hintsShown = 0;
            exerciseHints.clear();
        }
        showPanel(t.panel(), t.feedback());
    }

    /** Shows the next hint of the current step; after the hints, the step's commands. */
    public void hint() {
        if (exercise == null || exercise.finished()) {
            return;
        }
        Step step = exercise.nextStep().orElseThrow();
        if (hintsShown < step.hints().size()) {
            exerciseHints.add("Hint: " + step.hints().get(hintsShown));
        } else if (hintsShown == step.hints().size()) {
            exerciseHints.add("Answer: " + String.join("\n", step.commands()));
        }
        hintsShown++;
    }

    /** Puts the current step's commands in the input, to read or to run. */
    public void showAnswer() {
        if (exercise != null && !exercise.finished()) {
            input.set(String.join("\n", exercise.nextStep().orElseThrow().commands()));
        }
    }

    /** Starts the exercise again from its first step. */
    public void restartExercise() {
        if (exercise != null) {
            Scenario sc = exercise.scenario();
            exercise = new Rehearsal(sc, exercise.extraFiles());
            hintsShown = 0;
            exerciseHints.clear();
            transcript.clear();
            add(new Line("# Exercise restarted", true, false));
            showExerciseStep("");
            ran();
        }
    }

    private void showExerciseStep(String feedback) {
        showPanel(panel(exercise), feedback);
    }

    /** The panel of the exercise as it stands; runs its checks (any thread). */
    private static Panel panel(Rehearsal ex) {
        if (ex.finished()) {
            return new Panel("All " + ex.scenario().steps().size() + " steps done", "", List.of());
        }
        Step step = ex.nextStep().orElseThrow();
        return new Panel("Step " + (ex.position() + 1) + " of " + ex.scenario().steps().size() + ": "
                + step.title(), step.explanation(), ex.checkNow().stream()
                        .map(r -> (r.passed() ? "\u2713 " : "\u2717 ") + r.check().description()).toList());
    }

    private void showPanel(Panel p, String feedback) {
        exerciseFeedback.set(feedback);
        exerciseStep.set(p.step());
        exerciseExplanation.set(p.explanation());
        exerciseChecks.setAll(p.checks());
    }

    /** The exercise being done, if any (tests read its progress). */
    public java.util.Optional<Rehearsal> exercise() {
        return java.util.Optional.ofNullable(exercise);
    }

    public javafx.beans.property.ReadOnlyBooleanProperty exerciseActiveProperty() {
        return exerciseActive.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exerciseTitleProperty() {
        return exerciseTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exerciseStepProperty() {
        return exerciseStep.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exerciseExplanationProperty() {
        return exerciseExplanation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exerciseFeedbackProperty() {
        return exerciseFeedback.getReadOnlyProperty();
    }

    public ObservableList<String> exerciseChecks() {
        return exerciseChecks;
    }

    public ObservableList<String> exerciseHints() {
        return exerciseHints;
    }

    /** What the console runs against ("the plan", or a practice cluster). */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** Where long scripts run (the window's worker, with progress and Cancel). */
    public void setRunner(TaskRunner r) {
        this.runner = r;
    }

    /** Runs what is in the input (one command or a script) and clears it. */
    public void run() {
        String text = input.get() == null ? "" : input.get().strip();
        if (text.isEmpty()) {
            return;
        }
        input.set("");
        history.add(text);
        historyAt = history.size();
        if (text.equals("clear")) {
            transcript.clear();
            return;
        }
        if (exercise != null) {
            runExercise(text);
            return;
        }
        if (runner != null && LONG.matcher(text).find()) {
            // A loop may create thousands of Services: it runs off the UI thread, with progress and Cancel.
            List<Segment> out = new ArrayList<>();
            runner.run("Running the script", cancelled -> {
                out.addAll(execute(text, cancelled));
                return "Script done";
            }, outcome -> {
                if (out.isEmpty() && !outcome.equals("Script done")) {
                    out.add(new Segment(text, List.of(new ConsoleOutput.Stderr(outcome + "\n"))));
                }
                show(out);
                ran();
            });
            return;
        }
        show(execute(text, () -> false));
        ran();
    }

    /**
     * Step mode: runs only the first command of the input (with its heredoc or loop) and leaves the rest there, so
     * the next press runs the next command.
     */
    public void step() {
        String text = input.get() == null ? "" : input.get();
        List<String> commands = ScriptRunner.commands(text);
        if (commands.isEmpty()) {
            input.set("");
            return;
        }
        String first = commands.get(0);
        String rest = String.join("\n", commands.subList(1, commands.size()));
        input.set(first);
        run();
        input.set(rest);
    }

    /** One command of what was run, and what it printed. */
    record Segment(String command, List<ConsoleOutput> output) {
    }

    /**
     * Runs a command or script against the practice cluster or the plan. On the plan the whole input, whatever its
     * shell form, is one command through the plan's door: one undo step when it changed the plan, none when it only
     * read or every write was refused.
     */
    private List<Segment> execute(String text, java.util.function.BooleanSupplier cancelled) {
        List<Segment> out = new ArrayList<>();
        List<String> commands = ScriptRunner.commands(text);
        try {
            if (practice != null) {
                runEach(runner(practice).cancelWhen(cancelled), commands, out);
            } else {
                session.submit(new PlanCommand() {
                    @Override
                    public String description() {
                        return label(text);
                    }

                    @Override
                    public void settle(ApiServer api) {
                        // A console's first look starts the plan's Pods (the simulated kubelet); kept only with a write.
                        runner(api);
                    }

                    @Override
                    public void execute(ApiServer api) {
                        out.clear();
                        runEach(runner(api).cancelWhen(cancelled), commands, out);
                    }
                });
            }
        } catch (ApiException e) {
            out.add(new Segment("", List.of(new ConsoleOutput.Stderr(e.status().message() + "\n"))));
        } catch (java.util.concurrent.CancellationException e) {
            out.clear();
            out.add(new Segment(text, List.of(new ConsoleOutput.Stderr(
                    "^C (the script was cancelled; the plan is as it was)\n"))));
        }
        return out;
    }

    /** What Edit > Undo calls a console input: its first line, shortened. */
    static String label(String text) {
        String first = text.lines().findFirst().orElse("").strip();
        String more = text.strip().contains("\n") ? " ..." : "";
        if (first.length() > 60) {
            first = first.substring(0, 57) + "...";
            more = "";
        }
        return (first.startsWith("kubectl ") ? first : "console: " + first) + more;
    }

    /** Runs the commands one by one with one runner (variables carry over), stopping where a verify failed. */
    private static void runEach(ScriptRunner r, List<String> commands, List<Segment> out) {
        for (String c : commands) {
            out.add(new Segment(c, r.run(c)));
            if (r.stopped()) {
                break;
            }
        }
    }

    private void show(List<Segment> segments) {
        for (Segment seg : segments) {
            if (!seg.command().isEmpty()) {
                String[] typed = seg.command().split("\n");
                for (int i = 0; i < typed.length; i++) {
                    add(new Line((i == 0 ? "$ " : "> ") + typed[i], true, false));
                }
            }
            for (ConsoleOutput o : seg.output()) {
                for (String l : o.text().split("\n", -1)) {
                    add(new Line(l, false, o instanceof ConsoleOutput.Stderr));
                }
                if (!transcript.isEmpty() && transcript.get(transcript.size() - 1).text().isEmpty()) {
                    transcript.remove(transcript.size() - 1);
                }
            }
        }
    }

    private static ScriptRunner runner(ApiServer api) {
        return new ScriptRunner(new Kubectl(api, LocalFiles::read), LocalFiles::read);
    }

    private void add(Line line) {
        transcript.add(line);
        if (transcript.size() > MAX_LINES) {
            transcript.remove(0, transcript.size() - MAX_LINES);
        }
    }

    /** The previous command (Up), or the next (Down) in the input. */
    public void history(int step) {
        if (history.isEmpty()) {
            return;
        }
        historyAt = Math.max(0, Math.min(history.size(), historyAt + step));
        input.set(historyAt == history.size() ? "" : history.get(historyAt));
    }

    public ObservableList<Line> transcript() {
        return transcript;
    }

    public StringProperty inputProperty() {
        return input;
    }

    /** The transcript as text, for Copy. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        transcript.forEach(l -> sb.append(l.text()).append('\n'));
        return sb.toString();
    }
}
