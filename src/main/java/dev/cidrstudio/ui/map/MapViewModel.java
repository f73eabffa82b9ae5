package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapExport;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapTheme;
import dev.cidrstudio.model.cluster.ClusterState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import dev.cidrstudio.ui.workspace.Workspace;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The Map tab's state: the plan's address map (rebuilt off the UI thread after every change, from a snapshot),
 * the theme's palette, what the pointer is over, and the selected address with its IPAddress and Service.
 */
public final class MapViewModel {

    private final Executor worker;
    private final ReadOnlyObjectWrapper<AddressMap> map = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    static final String HOVER_HINT = "Point at an address to see what it is.";
    private final ReadOnlyStringWrapper hover = new ReadOnlyStringWrapper(HOVER_HINT);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewing = new ReadOnlyStringWrapper("");
    private long generation;
    private final javafx.beans.property.StringProperty onlyNamespace =
            new javafx.beans.property.SimpleStringProperty();
    private ClusterState shown;
    private PlanSession session;

    public MapViewModel(Executor worker) {
        this.worker = worker;
    }

    /** Rebuilds the map for the session's plan; the work runs on the worker, the result lands on the FX thread. */
    public void load(PlanSession session) {
        this.session = session;
        previewing.set("");
        show(session.current());
    }

    /** Leaves a preview: the map shows the plan again. */
    public void endPreview() {
        if (session != null && !previewing.get().isEmpty()) {
            load(session);
        }
    }

    /** Shows another cluster state (a what-if's copy) until the plan changes or {@link #load} is called. */
    public void preview(ClusterState state, String label) {
        previewing.set("Showing the " + label + " preview; the plan is unchanged.");
        show(state);
    }

    public ReadOnlyStringProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    /** Shows only the addresses of one namespace's Services (null: all); the legend's entries pick it. */
    public javafx.beans.property.StringProperty onlyNamespaceProperty() {
        return onlyNamespace;
    }

    /** Picks a namespace from the legend, or, when it is already the one shown, shows all again. */
    public void toggleNamespace(String namespace) {
        onlyNamespace.set(namespace == null || namespace.equals(onlyNamespace.get()) ? null : namespace);
        if (shown != null) {
            show(shown);
        }
    }

    private void show(ClusterState s) {
        long mine = ++generation;
        shown = s;
        String only = onlyNamespace.get();
        worker.execute(() -> {
            AddressMap built = AddressMap.of(s, only);
            Runnable publish = () -> {
                if (mine == generation) {
                    map.set(built);
                    // What was pointed at described the old plan.
                    hover.set(HOVER_HINT);
                }
            };
            if (Platform.isFxApplicationThread()) {
                publish.run();
            } else {
                Platform.runLater(publish);
            }
        });
    }

    public ReadOnlyObjectProperty<AddressMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public MapRenderer.Style style() {
        return dark.get() ? MapTheme.dark() : MapTheme.light();
    }

    public ReadOnlyStringProperty hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void hover(AddressMap.Spot spot) {
        if (spot != null) {
            hover.set(spot.describe());
        }
    }

    private Workspace workspace;

    /**
     * The window's workspace: a clicked address becomes its selection (the navigator and inspector follow), and what
     * it previews (a what-if, a rehearsal step) is shown instead of the plan.
     */
    public void use(Workspace ws) {
        this.workspace = ws;
        ws.previewProperty().addListener((o, a, p) -> {
            if (p != null) {
                preview(p.state(), p.label());
            } else {
                endPreview();
            }
        });
    }

    public void select(AddressMap.Spot spot) {
        if (spot != null) {
            if (workspace == null) {
                return;
            }
            if (spot.used()) {
                workspace.select("IPAddress", null, spot.address().toString());
            } else {
                workspace.selectPlace(spot.address().toString(), spot.describe());
            }
        }
    }

    public List<MapExport.LegendEntry> legend() {
        AddressMap m = map.get();
        return MapExport.legend(style(), m == null ? List.of() : m.namespaces());
    }

    /** Writes the panels as SVG. */
    public void exportSvg(Path file, List<MapExport.Panel> panels) {
        try {
            MapExport.svg(file, panels, legend(), style().outside());
            message.set("Exported " + file.getFileName());
        } catch (IOException e) {
            message.set("Export failed: " + e.getMessage());
        }
    }

    /** Writes a rendering of the view (taken by the view) as PNG. */
    public void exportPng(Path file, int[] argb, int width, int height) {
        try {
            MapExport.png(file, argb, width, height);
            message.set("Exported " + file.getFileName());
        } catch (IOException e) {
            message.set("Export failed: " + e.getMessage());
        }
    }
}
