package dev.cidrstudio.ui.workspace;

import dev.cidrstudio.model.cluster.ApiException;
import java.util.function.Consumer;

/**
 * How the views run long work: the window's runner does it on a background executor with the progress indicator and
 * Cancel in the status bar, and hands the outcome back on the FX thread; {@link #inPlace()} does it at once on the
 * calling thread (a view model on its own, in tests).
 */
@FunctionalInterface
public interface TaskRunner {

    /** Runs {@code work}; {@code done} gets what to tell the user (an error's message when it failed). */
    void run(String what, CancellableWork work, Consumer<String> done);

    /** Runs the work at once on the calling thread, never cancelled. */
    static TaskRunner inPlace() {
        return (what, work, done) -> {
            String outcome;
            try {
                outcome = work.run(() -> false);
            } catch (ApiException e) {
                outcome = e.status().message();
            } catch (Exception e) {
                outcome = String.valueOf(e.getMessage());
            }
            done.accept(outcome);
        };
    }
}
