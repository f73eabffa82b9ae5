package dev.cidrstudio.ui.workspace;

import java.util.function.BooleanSupplier;

/** Long work on the plan that can be cancelled; returns what to tell the user. */
@FunctionalInterface
public interface CancellableWork {
    String run(BooleanSupplier cancelled) throws Exception;
}
