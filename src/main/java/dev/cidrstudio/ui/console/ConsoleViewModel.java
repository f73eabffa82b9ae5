package dev.cidrstudio.ui.console;

import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.DocsPages;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
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
    private static final Pattern WRITES = Pattern.compile(
            "(?m)^\\s*(?:.*\\|\\s*)?kubectl\\s+(?:[^\\n]*\\s)?(create|apply|delete|run|label|annotate|patch|replace|"
                    + "edit|scale|expose|set)\\b");

    private PlanSession session;
    /** Runs long work off the UI thread (the window's worker), or null to run everything in place. */
    private dev.cidrstudio.ui.services.ServicesViewModel.Runner runner;
    /** Scripts that may run long: loops. */
    private static final Pattern LONG = Pattern.compile("(?m)^\\s*for\\s");
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

    /**
     * Loads a docs page's commands into the input and switches to a practice cluster set up as the page assumes
     * (the plan is not touched); {@link #usePlan()} goes back.
     */
    public void loadDocsPage(DocsPages.Page page) {
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
    }

    /** Works on the plan again. */
    public void usePlan() {
        practice = null;
        target.set("the plan");
    }

    /** What the console runs against ("the plan", or a practice cluster). */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** Where long scripts run (the window's worker, with progress and Cancel). */
    public void setRunner(dev.cidrstudio.ui.services.ServicesViewModel.Runner r) {
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
        String[] typed = text.split("\n");
        for (int i = 0; i < typed.length; i++) {
            add(new Line((i == 0 ? "$ " : "> ") + typed[i], true, false));
        }
        if (text.equals("clear")) {
            transcript.clear();
            return;
        }
        if (runner != null && LONG.matcher(text).find()) {
            // A loop may create thousands of Services: it runs off the UI thread, with progress and Cancel.
            List<ConsoleOutput> out = new ArrayList<>();
            runner.run("Running the script", cancelled -> {
                out.addAll(execute(text, cancelled));
                return "Script done";
            }, outcome -> {
                if (out.isEmpty() && !outcome.equals("Script done")) {
                    out.add(new ConsoleOutput.Stderr(outcome + "\n"));
                }
                show(out);
            });
            return;
        }
        show(execute(text, () -> false));
    }

    /** Runs a command or script against the practice cluster or the plan (a write is one undoable edit). */
    private List<ConsoleOutput> execute(String text, java.util.function.BooleanSupplier cancelled) {
        List<ConsoleOutput> out = new ArrayList<>();
        boolean writes = WRITES.matcher(text).find();
        try {
            if (practice != null) {
                out.addAll(runner(practice).cancelWhen(cancelled).run(text));
            } else if (writes) {
                long before = session.api().state().contentVersion();
                session.edit("kubectl " + text.lines().findFirst().orElse("").replaceFirst("^kubectl\\s+", ""),
                        api -> {
                            out.addAll(runner(api).cancelWhen(cancelled).run(text));
                            if (api.state().contentVersion() == before) {
                                throw new NothingWritten();
                            }
                        });
            } else {
                out.addAll(runner(session.api()).cancelWhen(cancelled).run(text));
            }
        } catch (ApiException e) {
            out.add(new ConsoleOutput.Stderr(e.status().message() + "\n"));
        } catch (NothingWritten e) {
            // Every write was refused: nothing to undo, and the plan stays as it was.
        } catch (java.util.concurrent.CancellationException e) {
            out.clear();
            out.add(new ConsoleOutput.Stderr("^C (the script was cancelled; the plan is as it was)\n"));
        }
        return out;
    }

    private void show(List<ConsoleOutput> out) {
        for (ConsoleOutput o : out) {
            for (String l : o.text().split("\n", -1)) {
                add(new Line(l, false, o instanceof ConsoleOutput.Stderr));
            }
            if (!transcript.isEmpty() && transcript.get(transcript.size() - 1).text().isEmpty()) {
                transcript.remove(transcript.size() - 1);
            }
        }
    }

    /** Ends an edit that changed nothing, so it leaves no undo step. */
    private static final class NothingWritten extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingWritten() {
            super(null, null, false, false);
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
