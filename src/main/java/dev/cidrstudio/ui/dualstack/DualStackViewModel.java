package dev.cidrstudio.ui.dualstack;

import dev.cidrstudio.app.DualStackReport;
import dev.cidrstudio.model.cluster.ApiServer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The dual-stack checks of the plan, one row per item of the page, and a one-line verdict. */
public final class DualStackViewModel {

    private final ObservableList<DualStackReport.Item> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");

    public void load(ApiServer api) {
        items.setAll(DualStackReport.of(api));
        long failed = items.stream().filter(i -> !i.pass()).count();
        verdict.set(failed == 0 ? "All " + items.size() + " checks pass: the plan is dual-stack end to end."
                : failed + " of " + items.size() + " checks fail.");
    }

    public ObservableList<DualStackReport.Item> items() {
        return items;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }
}
