package dev.cidrstudio.ui.workspace;

import dev.cidrstudio.app.PlanChange;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.cluster.ApiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the window works on, shared by every tab: the plan session (read through its snapshots, changed through its
 * door), the plan's changes delivered on the FX thread, the practice cluster the console may be using instead of the
 * plan, and the runner for long work. Tabs depend on the workspace, never on each other.
 */
public final class Workspace {

    private final PlanSession session;
    private final TaskRunner tasks;
    private final List<Consumer<PlanChange>> listeners = new ArrayList<>();
    private final ObjectProperty<Practice> practice = new SimpleObjectProperty<>();

    /** A scratch cluster the console replays a docs page on, with what to call it; the plan is untouched. */
    public record Practice(ApiServer cluster, String label) {
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

    /** The practice cluster the console works on, or null while it works on the plan. */
    public ObjectProperty<Practice> practiceProperty() {
        return practice;
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
