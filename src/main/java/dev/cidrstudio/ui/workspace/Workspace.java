package dev.cidrstudio.ui.workspace;

import dev.cidrstudio.app.PlanChange;
import dev.cidrstudio.app.PlanSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * What the window works on, shared by every tab: the plan session (read through its snapshots, changed through its
 * door), the plan's changes delivered on the FX thread, and the runner for long work. Tabs depend on the workspace,
 * never on each other.
 */
public final class Workspace {

    private final PlanSession session;
    private final TaskRunner tasks;
    private final List<Consumer<PlanChange>> listeners = new ArrayList<>();

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

    /** Runs on the FX thread: now when already there, else soon. */
    public static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
