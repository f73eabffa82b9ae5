package dev.cidrstudio.ui.wizard;

import dev.cidrstudio.ui.workspace.TaskRunner;
import dev.cidrstudio.app.PlanChange;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.workspace.Workspace;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.wizard.CheckResult;
import dev.cidrstudio.wizard.PreflightFinding;
import dev.cidrstudio.wizard.Rehearsal;
import dev.cidrstudio.wizard.Runbook;
import dev.cidrstudio.wizard.Scenario;
import dev.cidrstudio.wizard.ScenarioKind;
import dev.cidrstudio.wizard.Scenarios;
import dev.cidrstudio.wizard.StateDiff;
import dev.cidrstudio.wizard.StateTables;
import dev.cidrstudio.wizard.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Wizard tab: a reconfiguration scenario built from the plan and rehearsed on a copy of it, step by step. The
 * plan is only changed by {@link #applyToPlan()}, as one undoable edit; leaving the wizard half-way changes nothing.
 */
public final class WizardViewModel {

    /** Where a step stands in the rehearsal. */
    public enum StepStatus { PASSED, FAILED, NEXT, PENDING }

    /** A row of the step list. */
    public record StepRow(int index, String title, StepStatus status) {

        public String label() {
            String mark = switch (status) {
                case PASSED -> "\u2713";
                case FAILED -> "\u2717";
                case NEXT -> "\u25b6";
                case PENDING -> " ";
            };
            return mark + "  " + (index + 1) + ". " + title;
        }
    }

    private PlanSession session;
    private TaskRunner runner;
    private BiConsumer<ClusterState, String> mapPreview = (s, l) -> { };
    private Rehearsal rehearsal;
    /**
     * The plan revisions the rehearsal knows, with how many of its steps each holds: the one it was prepared from
     * (0 steps) and the one after each Apply. Undo and Redo move the plan between them, and the wizard follows.
     */
    private final java.util.Map<Long, Integer> appliedAt = new java.util.HashMap<>();

    private final ObjectProperty<ScenarioKind> kind = new SimpleObjectProperty<>(ScenarioKind.REPLACE_PRIMARY);
    private final StringProperty target = new SimpleStringProperty("");
    private final ObservableList<PreflightFinding> preflight = FXCollections.observableArrayList();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(
            "Pick a scenario and a target range, then Prepare: the wizard rehearses it on a copy of the plan.");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stepTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper commands = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper expected = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper transcript = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rollback = new ReadOnlyStringWrapper("");
    private final ObservableList<String> checks = FXCollections.observableArrayList();
    private final ObservableList<StateTables.ApiServerRow> stateApiServers = FXCollections.observableArrayList();
    private final ObservableList<StateTables.ServiceCidrRow> stateCidrs = FXCollections.observableArrayList();
    private final ObservableList<StateTables.ServiceRow> stateServices = FXCollections.observableArrayList();
    private final FilteredList<StateTables.ServiceCidrRow> shownCidrs = new FilteredList<>(stateCidrs);
    private final FilteredList<StateTables.ServiceRow> shownServices = new FilteredList<>(stateServices);
    private final BooleanProperty onlyChanged = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper stateCaption = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper prepared = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(false);

    public WizardViewModel() {
        selected.addListener((o, a, b) -> showStep());
        onlyChanged.addListener((o, a, b) -> filterState());
    }

    /** The plan to build scenarios from; called again whenever the plan changes. */
    public void load(PlanSession s) {
        this.session = s;
        updateState();
    }

    /**
     * Follows the plan's changes: after Undo of an Apply the plan no longer holds the rehearsal's end state (Apply is
     * offered again), after Redo it does again.
     */
    public void use(Workspace ws) {
        ws.onPlanChange(this::planChanged);
    }

    private void planChanged(PlanChange change) {
        if (rehearsal == null || session == null || !change.contentChanged()) {
            return;
        }
        Integer at = appliedAt.get(change.newRevision());
        if (change.cause() == PlanChange.Cause.UNDO && at != null) {
            message.set(at == 0 ? "Undo took the wizard's edit out of the plan: it is not applied any more. "
                    + "Apply to plan puts it back." : "Undo took the plan back to the end of step " + at
                    + " of the rehearsal.");
        } else if (change.cause() == PlanChange.Cause.REDO && at != null && at > 0) {
            message.set("Redo applied the rehearsal to the plan again (" + at + " of "
                    + rehearsal.scenario().steps().size() + " steps).");
        } else if (at == null && appliedAt.containsKey(change.oldRevision())) {
            message.set("The plan changed after the scenario was prepared; Prepare again to rehearse on it.");
        }
        updateState();
    }

    /** Where the steps run: the window's worker, with progress and Cancel; none runs them in place. */
    public void setRunner(TaskRunner r) {
        this.runner = r;
    }

    /** Shows a cluster state on the Map tab, with a label saying which. */
    public void setMapPreview(BiConsumer<ClusterState, String> preview) {
        this.mapPreview = preview;
    }

    /** Builds the chosen scenario from the plan as it is now and runs its pre-flight checks. */
    public void prepare() {
        String to = target.get() == null ? "" : target.get().strip();
        ScenarioKind k = kind.get();
        ClusterState plan = session.current();
        long version = session.revision();
        work("Preparing \u2018" + k.label() + "\u2019", () -> {
            Scenario sc = Scenarios.build(plan, k, to.isEmpty() ? Optional.empty() : Optional.of(to));
            Rehearsal r = new Rehearsal(sc);
            return () -> {
                rehearsal = r;
                appliedAt.clear();
                appliedAt.put(version, 0);
                preflight.setAll(sc.preflight());
                summary.set(sc.title() + ". " + sc.summary());
                message.set(sc.ready() ? "Pre-flight passed: run the steps one by one, or all at once."
                        : "The pre-flight found problems: fix them, or try "
                                + (sc.alternatives().isEmpty() ? "another target"
                                        : String.join(" or ", sc.alternatives())) + ".");
                selected.set(-1);
                refreshSteps();
                selected.set(sc.steps().isEmpty() ? -1 : 0);
            };
        });
    }

    /** Runs the next step on the rehearsal's cluster. */
    public void runNext() {
        rehearse("Running step " + (position() + 1), r -> {
            Rehearsal.StepRun run = r.runNext();
            return "Step " + (run.index() + 1) + (run.passed() ? " done: every check holds."
                    : " ran, but a check does not hold: read its output before you go on.");
        });
    }

    /** Runs every step up to and including the selected one (or goes back to it). */
    public void runToSelected() {
        int to = selected.get() + 1;
        rehearse("Running to step " + to, r -> {
            r.jumpTo(to);
            return "At step " + to + " of " + r.scenario().steps().size() + ".";
        });
    }

    /** Runs every remaining step. */
    public void runAll() {
        rehearse("Running every step", r -> {
            r.runAll();
            long failed = r.done().stream().filter(s -> !s.passed()).count();
            return failed == 0 ? "Every step done and checked. Export the runbook, or apply the end state to the plan."
                    : failed + " step" + (failed == 1 ? "" : "s") + " with a check that does not hold.";
        });
    }

    /** Takes the last step back: the rehearsal's cluster returns to the state before it. */
    public void back() {
        if (rehearsal == null || rehearsal.position() == 0) {
            return;
        }
        rehearsal.back();
        message.set("Step " + (rehearsal.position() + 1) + " taken back.");
        refreshSteps();
        selected.set(rehearsal.position());
        showStep();
    }

    /** Starts the rehearsal again from the plan it was prepared from. */
    public void reset() {
        if (rehearsal == null) {
            return;
        }
        rehearsal = new Rehearsal(rehearsal.scenario());
        message.set("Back at the start; the plan is unchanged.");
        refreshSteps();
        selected.set(rehearsal.scenario().steps().isEmpty() ? -1 : 0);
        showStep();
    }

    /** Writes the runbook folder; returns what to tell the user. */
    public String exportRunbook(Path dir) {
        if (rehearsal == null) {
            return "Prepare a scenario first.";
        }
        if (!exportable()) {
            String m = "Nothing to export: the pre-flight found problems, so the scenario has no steps. Fix them "
                    + "and Prepare again.";
            message.set(m);
            return m;
        }
        try {
            Runbook.write(rehearsal, session.name(), dir);
            String m = "Runbook written to " + dir.getFileName() + ": " + Runbook.MARKDOWN + ", " + Runbook.SCRIPT
                    + " and " + rehearsal.scenario().manifests().size() + " manifest"
                    + (rehearsal.scenario().manifests().size() == 1 ? "" : "s") + ".";
            message.set(m);
            return m;
        } catch (IOException e) {
            String m = "The runbook could not be written to " + dir + ": " + e.getMessage();
            message.set(m);
            return m;
        }
    }

    /**
     * Makes the plan what the rehearsal's cluster is now, as one undoable edit. Refused when the plan changed after
     * the scenario was prepared (prepare again), or when no step ran.
     */
    public void applyToPlan() {
        if (rehearsal == null || rehearsal.position() == 0) {
            message.set("Run at least one step before applying.");
            return;
        }
        Integer at = appliedAt.get(session.revision());
        if (at == null) {
            message.set("The plan changed after the scenario was prepared; Prepare again to rehearse on it.");
            updateState();
            return;
        }
        if (at == rehearsal.position()) {
            message.set("The plan already holds the rehearsal's state after step " + at + ".");
            updateState();
            return;
        }
        ClusterState end = rehearsal.cluster().snapshot();
        String label = "Wizard: " + rehearsal.scenario().title() + " (" + rehearsal.position() + " of "
                + rehearsal.scenario().steps().size() + " steps)";
        try {
            session.edit(label, api -> api.restore(end));
        } catch (ApiException e) {
            message.set(e.status().message());
            return;
        }
        // The rehearsal goes on from where the plan now is, so Apply again after more steps stays one edit each.
        appliedAt.put(session.revision(), rehearsal.position());
        message.set("Applied to the plan (Edit > Undo takes it back).");
        updateState();
    }

    /** Shows the cluster after the selected step (before step 1: the plan) on the Map tab. */
    public void showOnMap() {
        if (rehearsal == null) {
            return;
        }
        int i = selected.get();
        if (i >= 0 && i < rehearsal.position()) {
            mapPreview.accept(rehearsal.done().get(i).after(), "after step " + (i + 1) + " of the wizard");
        } else {
            mapPreview.accept(rehearsal.cluster().snapshot(), "wizard's current");
        }
    }

    /** Work on the rehearsal that returns the message to show. */
    @FunctionalInterface
    interface RehearsalWork {
        String run(Rehearsal r) throws Rehearsal.Refused;
    }

    private void rehearse(String what, RehearsalWork w) {
        Rehearsal r = rehearsal;
        if (r == null) {
            message.set("Prepare a scenario first.");
            return;
        }
        work(what, () -> {
            String m;
            try {
                m = w.run(r);
            } catch (Rehearsal.Refused e) {
                m = "Refused: " + e.getMessage() + ".";
            }
            String shown = m;
            return () -> {
                message.set(shown);
                refreshSteps();
                selected.set(Math.max(0, Math.min(r.scenario().steps().size() - 1,
                        r.done().isEmpty() ? 0 : r.position() - 1)));
                showStep();
            };
        });
    }

    /** Builds the UI update off the FX thread; the update runs on it. */
    @FunctionalInterface
    interface Work {
        Runnable run() throws Exception;
    }

    private void work(String what, Work w) {
        Runnable[] update = new Runnable[1];
        if (runner == null) {
            try {
                w.run().run();
            } catch (Exception e) {
                message.set(what + " failed: " + e.getMessage());
            }
            return;
        }
        runner.run(what, cancelled -> {
            update[0] = w.run();
            return what + ": done";
        }, outcome -> {
            if (update[0] != null) {
                update[0].run();
            } else {
                message.set(outcome);
            }
        });
    }

    private int position() {
        return rehearsal == null ? 0 : rehearsal.position();
    }

    private void refreshSteps() {
        if (rehearsal == null) {
            steps.clear();
            updateState();
            return;
        }
        List<Step> all = rehearsal.scenario().steps();
        List<Rehearsal.StepRun> done = rehearsal.done();
        StepRow[] rows = new StepRow[all.size()];
        for (int i = 0; i < all.size(); i++) {
            StepStatus st = i < done.size() ? (done.get(i).passed() ? StepStatus.PASSED : StepStatus.FAILED)
                    : i == done.size() ? StepStatus.NEXT : StepStatus.PENDING;
            rows[i] = new StepRow(i, all.get(i).title(), st);
        }
        steps.setAll(rows);
        updateState();
    }

    private void updateState() {
        boolean have = rehearsal != null;
        prepared.set(have);
        canRun.set(have && rehearsal.scenario().ready() && !rehearsal.finished());
        canBack.set(have && rehearsal.position() > 0);
        Integer at = have && session != null ? appliedAt.get(session.revision()) : null;
        canApply.set(have && rehearsal.position() > 0 && at != null && at != rehearsal.position());
        applied.set(at != null && at > 0);
        canExport.set(exportable());
    }

    /** A runbook needs steps: none when the pre-flight failed. */
    private boolean exportable() {
        return rehearsal != null && rehearsal.scenario().ready() && !rehearsal.scenario().steps().isEmpty();
    }

    private void showStep() {
        updateState();
        int i = selected.get();
        checks.clear();
        if (rehearsal == null || i < 0 || i >= rehearsal.scenario().steps().size()) {
            stepTitle.set("");
            explanation.set("");
            commands.set("");
            expected.set("");
            transcript.set("");
            diff.set("");
            warnings.set("");
            rollback.set("");
            showState(null, -1);
            return;
        }
        Step step = rehearsal.scenario().steps().get(i);
        stepTitle.set("Step " + (i + 1) + " of " + rehearsal.scenario().steps().size() + ": " + step.title());
        explanation.set(step.explanation());
        commands.set(String.join("\n", step.commands()));
        expected.set(step.expected());
        warnings.set(String.join("\n", step.warnings()));
        rollback.set(step.rollback());
        if (i < rehearsal.position()) {
            Rehearsal.StepRun run = rehearsal.done().get(i);
            StringBuilder sb = new StringBuilder();
            for (Rehearsal.Entry e : run.transcript()) {
                sb.append("$ ").append(e.command().replace("\n", "\n> ")).append('\n').append(e.text());
                if (!e.text().isEmpty() && !e.text().endsWith("\n")) {
                    sb.append('\n');
                }
            }
            transcript.set(sb.toString().stripTrailing());
            for (CheckResult c : run.checks()) {
                checks.add((c.passed() ? "\u2713 " : "\u2717 ") + c.check().description()
                        + (c.passed() ? "" : ": " + c.detail()) + "   (" + c.check().command() + ")");
            }
            StateDiff d = run.diff();
            diff.set(d.isEmpty() ? "(nothing changed)"
                    : String.join("\n", d.lines().stream().map(StateDiff.Line::describe).toList()));
            showState(StateTables.between(run.before(), run.after()), i);
        } else {
            showState(StateTables.of(rehearsal.stateBefore(rehearsal.position())), i);
            transcript.set("(not run yet)");
            diff.set("");
            for (var c : step.checks()) {
                checks.add("\u2022 " + c.description() + "   (" + c.command() + ")");
            }
        }
    }

    /** Fills the state tables: after step {@code i} when it ran, else the cluster as it is before the next step. */
    private void showState(StateTables t, int i) {
        if (t == null) {
            stateApiServers.clear();
            stateCidrs.clear();
            stateServices.clear();
            stateCaption.set("");
            return;
        }
        stateApiServers.setAll(t.apiServers());
        stateCidrs.setAll(t.serviceCidrs());
        stateServices.setAll(t.services());
        String counts = count(t.apiServers().size(), "kube-apiserver") + ", "
                + count(t.serviceCidrs().stream().filter(r -> r.change() != StateTables.Change.DELETED).count(),
                        "ServiceCIDR") + ", "
                + count(t.services().stream().filter(r -> r.change() != StateTables.Change.DELETED).count(),
                        "Service");
        if (i < rehearsal.position()) {
            long touched = t.changedCount();
            stateCaption.set("After step " + (i + 1) + ": " + counts + "; " + (touched == 0 ? "the step changed none of them"
                    : "the step touched " + count(touched, "row") + " (+ created, ~ changed, - deleted)") + ".");
        } else {
            stateCaption.set("Step " + (i + 1) + " has not run; the cluster before step " + (rehearsal.position() + 1)
                    + ": " + counts + ".");
        }
        filterState();
    }

    private static String count(long n, String what) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    private void filterState() {
        boolean only = onlyChanged.get();
        shownCidrs.setPredicate(only ? r -> r.change() != StateTables.Change.NONE : null);
        shownServices.setPredicate(only ? r -> r.change() != StateTables.Change.NONE : null);
    }

    /** The kube-apiservers of the selected step's cluster. */
    public ObservableList<StateTables.ApiServerRow> stateApiServers() {
        return stateApiServers;
    }

    /** The ServiceCIDRs of the selected step's cluster (only the changed ones when so asked). */
    public ObservableList<StateTables.ServiceCidrRow> stateServiceCidrs() {
        return shownCidrs;
    }

    /** The Services of the selected step's cluster (only the changed ones when so asked). */
    public ObservableList<StateTables.ServiceRow> stateServices() {
        return shownServices;
    }

    /** Whether the state tables show only the rows the selected step touched. */
    public BooleanProperty onlyChangedProperty() {
        return onlyChanged;
    }

    /** Which cluster the state tables show, and how much of it the step touched. */
    public ReadOnlyStringProperty stateCaptionProperty() {
        return stateCaption.getReadOnlyProperty();
    }

    public ObjectProperty<ScenarioKind> kindProperty() {
        return kind;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public ObservableList<PreflightFinding> preflight() {
        return preflight;
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ObservableList<String> checks() {
        return checks;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepTitleProperty() {
        return stepTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty commandsProperty() {
        return commands.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty expectedProperty() {
        return expected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty transcriptProperty() {
        return transcript.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rollbackProperty() {
        return rollback.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty preparedProperty() {
        return prepared.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** Whether the plan holds the rehearsal's state now (false again after Undo, true after Redo). */
    public ReadOnlyBooleanProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** Whether there is a runbook to export: a scenario whose pre-flight passed, with its steps. */
    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }

    /** The rehearsal, for tests and the runbook export. */
    public Optional<Rehearsal> rehearsal() {
        return Optional.ofNullable(rehearsal);
    }
}
