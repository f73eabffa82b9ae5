package dev.cidrstudio.ui.workspace;

import dev.cidrstudio.app.PlanChange;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the window works on, shared by every tab: the plan session (read through its snapshots, changed through its
 * door) with its changes delivered on the FX thread, what is active besides the plan (a practice cluster the console
 * uses, a what-if or a rehearsal step previewed on the map), the selection, and the runner for long work. Tabs
 * depend on the workspace and the session, never on each other: one tab says what it shows or selects here, and the
 * others follow.
 */
public final class Workspace {

    private final PlanSession session;
    private final TaskRunner tasks;
    private final List<Consumer<PlanChange>> listeners = new ArrayList<>();
    private final ReadOnlyObjectWrapper<Practice> practice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RehearsalAsked> rehearsal = new ReadOnlyObjectWrapper<>();
    private long sequence;

    /** A scratch cluster the console works on instead of the plan, as of its last command (the plan is untouched). */
    public record Practice(ApiServer cluster, String label, long sequence) {
    }

    /** Another state of the cluster to show on the map (a what-if's, a rehearsal step's); the plan is unchanged. */
    public record Preview(ClusterState state, String label, long sequence) {
    }

    /**
     * What the user picked: an object ({@code kind}, {@code namespace}, {@code name}), or a free address (no kind) with
     * what to say about it.
     */
    public record Selection(String kind, String namespace, String name, String description, long sequence) {
    }

    /** A tab asks for the Wizard to rehearse extending the plan with {@code cidr} (a new ServiceCIDR). */
    public record RehearsalAsked(String cidr, long sequence) {
    }

    public Workspace(PlanSession session, TaskRunner tasks) {
        this.session = session;
        this.tasks = tasks;
        session.onChange(change -> onFx(() -> listeners.forEach(l -> l.accept(change))));
    }

    public PlanSession session() {
        return session;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    /** Hears each change of the plan on the FX thread, in order, whichever thread made it. */
    public void onPlanChange(Consumer<PlanChange> listener) {
        listeners.add(listener);
    }

    /** The practice cluster the console works on, or null while it works on the plan; set anew after each command. */
    public ReadOnlyObjectProperty<Practice> practiceProperty() {
        return practice.getReadOnlyProperty();
    }

    /** The console works on this practice cluster (after each of its commands), or on the plan again (null). */
    public void showPractice(ApiServer cluster, String label) {
        practice.set(cluster == null ? null : new Practice(cluster, label, ++sequence));
    }

    /** What the map should show instead of the plan, or null. */
    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public void preview(ClusterState state, String label) {
        preview.set(new Preview(state, label, ++sequence));
    }

    /** What the Wizard is asked to rehearse, the latest request. */
    public ReadOnlyObjectProperty<RehearsalAsked> rehearsalProperty() {
        return rehearsal.getReadOnlyProperty();
    }

    /** Asks the Wizard to rehearse adding a ServiceCIDR of {@code cidr} (its Extend scenario). */
    public void rehearseExtend(String cidr) {
        rehearsal.set(new RehearsalAsked(cidr, ++sequence));
    }

    /** Nothing to preview any more: the map shows the plan again. */
    public void clearPreview() {
        preview.set(null);
    }

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** Selects an object of the plan. */
    public void select(String kind, String namespace, String name) {
        selection.set(new Selection(kind, namespace, name, null, ++sequence));
    }

    /** Selects something that is no object, such as a free address, with what to say about it. */
    public void selectPlace(String name, String description) {
        selection.set(new Selection(null, null, name, description, ++sequence));
    }

    /** Runs on the FX thread: now when already there, else soon. */
    public static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
