package dev.cidrstudio.ui.main;

import dev.cidrstudio.app.PlanChange;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.workspace.CancellableWork;
import dev.cidrstudio.ui.workspace.Workspace;
import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.app.ManifestExport;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.UiPreferences;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.ui.capacity.CapacityViewModel;
import dev.cidrstudio.ui.console.ConsoleViewModel;
import dev.cidrstudio.ui.dualstack.DualStackViewModel;
import dev.cidrstudio.ui.hosts.HostsViewModel;
import dev.cidrstudio.ui.map.MapViewModel;
import dev.cidrstudio.ui.navigator.NavigatorViewModel;
import dev.cidrstudio.ui.overview.OverviewViewModel;
import dev.cidrstudio.ui.policies.PoliciesViewModel;
import dev.cidrstudio.ui.servicecidrs.ServiceCidrsViewModel;
import dev.cidrstudio.ui.services.ServicesViewModel;
import dev.cidrstudio.ui.wizard.WizardViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the open plan's title, what the status bar says, whether long work is running, the
 * recent files, and the overview's rows. Long work (imports, opening big plans) runs on {@code worker}; results come
 * back on the FX thread.
 */
public final class MainWindowViewModel {

    /** What the user should be told after an action: a heading and the lines (findings or an error). */
    public record Message(boolean error, String heading, List<String> lines, List<Finding> findings) {

        public Message(boolean error, String heading, List<String> lines) {
            this(error, heading, lines, List.of());
        }

        /** The findings in the order of their files and lines (the order a reader goes through a file). */
        public List<Finding> findingsInLineOrder() {
            return findings.stream().sorted(java.util.Comparator.comparing((Finding f) -> f.source() == null ? ""
                    : f.source()).thenComparingInt(f -> f.mark() == null ? 0 : f.mark().line())
                    .thenComparingInt(f -> f.mark() == null ? 0 : f.mark().column())).toList();
        }
    }

    private final PlanSession session;
    private final Workspace workspace;
    private final Executor worker;
    private final Executor autosaver;
    private final OverviewViewModel overview = new OverviewViewModel();
    private final HostsViewModel hosts = new HostsViewModel();
    private final DualStackViewModel dualStack = new DualStackViewModel();
    private final MapViewModel map;
    private final CapacityViewModel capacity;
    private final ConsoleViewModel console =
            new ConsoleViewModel();
    private final NavigatorViewModel navigator =
            new NavigatorViewModel();
    private final ServicesViewModel services =
            new ServicesViewModel();
    private final ServiceCidrsViewModel serviceCidrs =
            new ServiceCidrsViewModel();
    private final PoliciesViewModel policies =
            new PoliciesViewModel();
    private final WizardViewModel wizard = new WizardViewModel();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper practiceStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private volatile boolean cancelRequested;
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyBooleanWrapper canUndo =
            new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo =
            new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final BooleanProperty presenter = new SimpleBooleanProperty(false);
    private final DoubleProperty textZoom = new SimpleDoubleProperty(1);
    private UiPreferences preferences;
    private Consumer<Message> messages = m -> { };

    public MainWindowViewModel(PlanSession session, Executor worker) {
        this(session, worker, worker);
    }

    /**
     * A window's state with long work on {@code worker} and recovery copies written on {@code autosaver}, so a copy
     * is written while a long script runs.
     */
    public MainWindowViewModel(PlanSession session, Executor worker, Executor autosaver) {
        this.session = session;
        this.worker = worker;
        this.autosaver = autosaver;
        this.map = new MapViewModel(worker);
        this.capacity = new CapacityViewModel(worker);
        // The plan changes on the worker during long work; the workspace hands each change over on the FX thread.
        // Tabs meet only there: what one shows or selects, the others follow.
        workspace = new Workspace(session, this::runLong);
        capacity.setRunner(workspace.tasks());
        services.setRunner(workspace.tasks());
        console.setRunner(workspace.tasks());
        wizard.setRunner(workspace.tasks());
        capacity.use(workspace);
        console.use(workspace);
        map.use(workspace);
        navigator.use(workspace);
        wizard.use(workspace);
        workspace.practiceProperty().addListener((o, a, p) -> practiceStatus.set(p == null ? ""
                : "Console on a practice cluster (shown read-only); the plan is untouched"));
        preferences = UiPreferences.load(session.configDir());
        dark.set(preferences.dark());
        presenter.set(preferences.presenter());
        textZoom.set(preferences.textZoom());
        map.darkProperty().bind(dark);
        dark.addListener((o, a, b) -> savePreferences());
        presenter.addListener((o, a, b) -> savePreferences());
        textZoom.addListener((o, a, b) -> savePreferences());
        workspace.onPlanChange(this::planChanged);
        refresh();
    }

    /** Dark theme on or off (remembered). */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Presenter mode: larger type for training rooms (remembered). */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    /** Text zoom, 1.0 = normal (remembered). */
    public DoubleProperty textZoomProperty() {
        return textZoom;
    }

    /** The root font size the theme and zoom ask for, in pixels. */
    public double fontSize() {
        return fontSize(textZoom.get(), presenter.get());
    }

    /** The root font size for a text zoom, in presenter mode or not. */
    public static double fontSize(double textZoom, boolean presenter) {
        return Math.round(13 * textZoom * (presenter ? 1.45 : 1.0) * 10) / 10.0;
    }

    public void zoomText(int steps) {
        double z = textZoom.get() * Math.pow(1.1, steps);
        textZoom.set(steps == 0 ? 1.0 : Math.max(0.7, Math.min(2.5, Math.round(z * 100) / 100.0)));
    }

    public UiPreferences preferences() {
        return preferences;
    }

    /** Remembers the window's place and size. */
    public void rememberWindow(double x, double y, double w, double h, boolean maximized) {
        preferences = preferences.withWindow(x, y, w, h, maximized);
        savePreferences();
    }

    private void savePreferences() {
        preferences = preferences.withTheme(dark.get(), presenter.get(), textZoom.get());
        try {
            preferences.save(session.configDir());
        } catch (IOException e) {
            status.set("Could not save the window preferences: " + e.getMessage());
        }
    }

    /** Where small reads for a dialog run (the autosave executor): never the UI thread, never behind long work. */
    Executor sideWorker() {
        return autosaver;
    }

    public void setMessageHandler(Consumer<Message> handler) {
        this.messages = handler;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    /** Shows a Service's first cluster IP, or an IPAddress, on the map. */
    public void navigatorShowOnMap(NavigatorViewModel.Ref ref) {
        if ("IPAddress".equals(ref.kind())) {
            services.showOnMap(new ServicesViewModel.AddressRow(ref.name(), "", "", ""));
        } else {
            session.view().<Service>find(Kind.SERVICE,
                    ref.namespace(), ref.name()).ifPresent(s -> {
                        var ips = s.spec().clusterIPsOrEmpty();
                        if (!ips.isEmpty()) {
                            services.showOnMap(new ServicesViewModel.AddressRow(
                                    ips.get(0), "", "", ""));
                        }
                    });
        }
    }

    public ConsoleViewModel console() {
        return console;
    }

    public NavigatorViewModel navigator() {
        return navigator;
    }

    /** Remembers which tab is in front. */
    public void rememberTab(String tabId) {
        if (tabId != null && !tabId.equals(preferences.tab())) {
            preferences = preferences.withTab(tabId);
            savePreferencesLater();
        }
    }

    /** Remembers where the navigator's divider is. */
    public void rememberDivider(double position) {
        preferences = preferences.withDivider(position);
        savePreferencesLater();
    }

    private boolean saveQueued;

    /** Coalesces the saves a dragged divider would cause. */
    private void savePreferencesLater() {
        if (saveQueued) {
            return;
        }
        saveQueued = true;
        Runnable save = () -> {
            saveQueued = false;
            savePreferences();
        };
        if (Platform.isFxApplicationThread()) {
            Platform.runLater(save);
        } else {
            save.run();
        }
    }

    public ServicesViewModel services() {
        return services;
    }

    public CapacityViewModel capacity() {
        return capacity;
    }

    public MapViewModel map() {
        return map;
    }

    public ServiceCidrsViewModel serviceCidrs() {
        return serviceCidrs;
    }

    public PoliciesViewModel policies() {
        return policies;
    }

    public WizardViewModel wizard() {
        return wizard;
    }

    public DualStackViewModel dualStack() {
        return dualStack;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    public void undo() {
        if (busy.get()) {
            status.set("Wait for the running work to finish (or cancel it) before undoing");
            return;
        }
        String what = session.undoLabel().orElse(null);
        session.undo();
        if (what != null) {
            status.set("Undid " + what);
        }
    }

    public void redo() {
        if (busy.get()) {
            status.set("Wait for the running work to finish (or cancel it) before redoing");
            return;
        }
        String what = session.redoLabel().orElse(null);
        session.redo();
        if (what != null) {
            status.set("Redid " + what);
        }
    }

    public HostsViewModel hosts() {
        return hosts;
    }

    public PlanSession session() {
        return session;
    }

    /** What the status bar says while the console works on a practice cluster; empty on the plan. */
    public ReadOnlyStringProperty practiceStatusProperty() {
        return practiceStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Asks the running import to stop; the plan stays as it was. */
    public void cancel() {
        cancelRequested = true;
        status.set("Cancelling...");
    }

    public ObservableList<Path> recentFiles() {
        return recent;
    }

    /** Loads every view from the plan (at start, and after long work). */
    private void refresh() {
        loadViews(null);
        menusAndTitle();
    }

    /** Updates what a change of the plan concerns: the views of the kinds it touched, the title and menus. */
    private void planChanged(PlanChange change) {
        if (change.contentChanged()) {
            loadViews(change);
        }
        menusAndTitle();
        if (change.cause() == PlanChange.Cause.REPLACED || change.cause() == PlanChange.Cause.SAVED) {
            recent.setAll(session.recentFiles());
        }
    }

    /** Loads the views a change touched, or all of them when {@code change} is null. */
    private void loadViews(PlanChange change) {
        boolean all = change == null || change.cause() == PlanChange.Cause.REPLACED;
        if (change != null && change.cause() == PlanChange.Cause.REPLACED) {
            // Another plan: nothing of the last one's console or what-if carries over to it.
            console.planReplaced();
            capacity.planReplaced();
        }
        overview.load(session.name(), session.view());
        if (all || change.keptChanged() || change.touches(Kind.SERVICE, Kind.NAMESPACE)) {
            hosts.load(session.view());
        }
        if (all || change.keptChanged() || change.touches(Kind.SERVICE, Kind.SERVICE_CIDR)) {
            dualStack.load(session.view());
        }
        // The audit log the Policies tab shows grows with any admitted write.
        policies.load(session);
        if (all || change.touches(Kind.SERVICE_CIDR, Kind.IP_ADDRESS)) {
            serviceCidrs.load(session);
        }
        if (all || change.touches(Kind.SERVICE_CIDR, Kind.IP_ADDRESS, Kind.SERVICE, Kind.NAMESPACE)) {
            // The map keeps its zoom, pan and selection across the rebuild.
            map.load(session);
        }
        if (all || change.keptChanged() || change.touches(Kind.SERVICE_CIDR, Kind.IP_ADDRESS, Kind.SERVICE,
                Kind.NAMESPACE)) {
            // The policies (kept objects) decide which candidate prefixes the sizing offers.
            capacity.load(session);
        }
        if (all || change.touches(Kind.SERVICE, Kind.IP_ADDRESS, Kind.NAMESPACE)) {
            services.load(session);
        }
        navigator.load(session);
        console.load(session);
        wizard.load(session);
    }

    private void menusAndTitle() {
        Optional<String> undoLabel = session.undoLabel();
        Optional<String> redoLabel = session.redoLabel();
        canUndo.set(undoLabel.isPresent());
        canRedo.set(redoLabel.isPresent());
        undoText.set(undoLabel.map(l -> "Undo " + l).orElse("Undo"));
        redoText.set(redoLabel.map(l -> "Redo " + l).orElse("Redo"));
        title.set(session.title());
    }

    /** What the window shares with its tabs: the session, its changes on the FX thread, the runner for long work. */
    public Workspace workspace() {
        return workspace;
    }

    private void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Runs long work off the FX thread with the busy indicator on; {@code done} runs back on the FX thread. */
    private void background(String what, Task work) {
        cancelRequested = false;
        busy.set(true);
        status.set(what + "...");
        worker.execute(() -> {
            Message m;
            try {
                m = work.run();
            } catch (IOException e) {
                m = new Message(true, what + " failed", List.of(e.getMessage()));
            } catch (ManifestImport.ImportException e) {
                m = new Message(true, what + " failed; the plan is unchanged",
                        e.findings().stream().map(Finding::describe).toList(), e.findings());
            } catch (RuntimeException e) {
                m = new Message(true, what + " failed", List.of(String.valueOf(e.getMessage())));
            }
            Message result = m;
            onFx(() -> {
                busy.set(false);
                status.set(result.heading());
                refresh();
                messages.accept(result);
            });
        });
    }

    /**
     * Runs long work off the FX thread with the progress indicator and Cancel in the status bar;
     * {@code done} gets the outcome on the FX thread ("cancelled; the plan is unchanged" when cancelled).
     */
    public void runLong(String what, CancellableWork work, Consumer<String> done) {
        cancelRequested = false;
        busy.set(true);
        status.set(what + "...");
        worker.execute(() -> {
            String outcome;
            try {
                outcome = work.run(() -> cancelRequested);
            } catch (CancellationException e) {
                outcome = what + " cancelled; the plan is unchanged";
            } catch (ApiException e) {
                outcome = e.status().message();
            } catch (Exception e) {
                outcome = what + " failed: " + e.getMessage();
            }
            String result = outcome;
            onFx(() -> {
                busy.set(false);
                status.set(result.lines().findFirst().orElse(""));
                refresh();
                done.accept(result);
            });
        });
    }

    /** Work whose outcome is a message for the user. */
    @FunctionalInterface
    interface Task {
        Message run() throws IOException, ManifestImport.ImportException;
    }

    public void open(Path path) {
        background("Opening " + path.getFileName(), () -> {
            var r = session.open(path, () -> cancelRequested);
            if (session.file().isEmpty()) {
                return report("Opened " + path.getFileName() + " as the new plan " + session.name()
                        + "; it is not a plan file, so Save asks where to write the plan", r.report());
            }
            return report("Opened " + path.getFileName(), r.report());
        });
    }

    public void importFiles(List<Path> files) {
        background("Importing " + files.size() + " file" + (files.size() == 1 ? "" : "s"), () -> {
            List<ManifestImport.Source> sources = new ArrayList<>();
            for (Path f : files) {
                sources.add(new ManifestImport.Source(f.toString(), LocalFiles.read(f)));
            }
            return report("Imported " + files.size() + " file" + (files.size() == 1 ? "" : "s"),
                    session.importFiles(sources, () -> cancelRequested));
        });
    }

    private static Message report(String heading, ManifestImport.Report r) {
        List<String> lines = new ArrayList<>();
        r.countsByKind().forEach((k, n) -> lines.add(n + " " + k));
        r.findings().forEach(f -> lines.add(f.describe()));
        return new Message(false, heading + " (" + r.total() + " objects)", lines, r.findings());
    }

    public void saveAs(Path path) {
        try {
            session.saveAs(path);
            status.set("Saved " + path.getFileName());
        } catch (IOException e) {
            messages.accept(new Message(true, "Save failed; the file on disk is unchanged", List.of(e.getMessage())));
        }
    }

    /** Saves to the plan's file; false when it has none yet (the view then asks for one). */
    public boolean save() {
        if (session.file().isEmpty()) {
            return false;
        }
        saveAs(session.file().get());
        return true;
    }

    public void export(Path path, boolean keepStatus, boolean includeCluster) {
        export(path, new ManifestExport.Options(keepStatus, includeCluster));
    }

    public void export(Path path, ManifestExport.Options options) {
        try {
            session.export(path, options);
            status.set("Exported " + path.getFileName());
        } catch (IOException e) {
            messages.accept(new Message(true, "Export failed", List.of(e.getMessage())));
        }
    }

    /**
     * Applies the Cluster settings dialog's values as one undoable edit; returns the problems (empty when applied).
     */
    public List<String> applyClusterSettings(dev.cidrstudio.app.ClusterSettingsEdit.Values values) {
        try {
            List<String> changes = dev.cidrstudio.app.ClusterSettingsEdit.apply(session, values);
            status.set(changes.isEmpty() ? "Cluster settings unchanged" : "Cluster settings: "
                    + String.join("; ", changes));
            return List.of();
        } catch (dev.cidrstudio.app.ClusterSettingsEdit.Refused e) {
            return e.problems();
        }
    }

    public void newPlan() {
        session.newPlan();
        status.set("New plan");
    }

    // ---- serving the plan to kubectl ----

    private dev.cidrstudio.server.PlanServer server;
    private final javafx.beans.property.ReadOnlyStringWrapper serving = new javafx.beans.property.ReadOnlyStringWrapper("");

    /** The kubeconfig the window writes for its served plan: in the config directory, the user's only. */
    public Path servedKubeconfig() {
        return session.configDir().resolve("kubeconfig-" + ProcessHandle.current().pid() + ".yaml");
    }

    /**
     * Cluster > Serve to kubectl: serves the plan on a free loopback port and writes a kubeconfig pointing at it.
     * What a client changes comes through the plan's door: each write is one undo step and marks the plan unsaved.
     * Returns the {@code export KUBECONFIG=...} line.
     */
    public String serve(boolean readOnly) throws IOException {
        stopServing();
        dev.cidrstudio.server.PlanServer s = dev.cidrstudio.server.PlanServer.start(session,
                dev.cidrstudio.server.PlanServer.Options.loopback(0).readOnly(readOnly));
        try {
            java.nio.file.Files.createDirectories(session.configDir());
            dev.cidrstudio.io.plan.StateFile.writePrivately(servedKubeconfig(),
                    dev.cidrstudio.server.Kubeconfig.of(s));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        server = s;
        String line = "export KUBECONFIG=" + servedKubeconfig();
        serving.set("Serving the plan at " + s.url() + (readOnly ? " (read-only)" : ""));
        status.set(serving.get());
        return line;
    }

    /** Stops serving and removes the kubeconfig it wrote. */
    public void stopServing() {
        if (server == null) {
            return;
        }
        server.close();
        server = null;
        try {
            java.nio.file.Files.deleteIfExists(servedKubeconfig());
        } catch (IOException e) {
            System.getLogger(MainWindowViewModel.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove " + servedKubeconfig(), e);
        }
        serving.set("");
        status.set("Stopped serving the plan");
    }

    /** "Serving the plan at URL" while it is served, else empty. */
    public javafx.beans.property.ReadOnlyStringProperty servingProperty() {
        return serving.getReadOnlyProperty();
    }

    /** The running server (tests). */
    public Optional<dev.cidrstudio.server.PlanServer> server() {
        return Optional.ofNullable(server);
    }

    /** File > Close: the plan is closed and an untitled one takes its place. */
    public void closePlan() {
        String was = session.name();
        session.newPlan();
        status.set("Closed " + was);
    }

    /** File > Open the demo plan. */
    public void openDemo() {
        session.openDemo();
        status.set("Opened the demo plan; Save asks where to write it");
    }

    /** Where the file dialogs start: the open plan's folder, else the last folder a dialog used. */
    public java.util.Optional<Path> dialogFolder() {
        java.util.Optional<Path> planFolder = session.file().map(f -> f.toAbsolutePath().getParent());
        if (planFolder.isPresent() && java.nio.file.Files.isDirectory(planFolder.get())) {
            return planFolder;
        }
        return java.util.Optional.ofNullable(lastDialogFolder).filter(java.nio.file.Files::isDirectory);
    }

    /** Remembers the folder of a file the user picked, for the next dialog. */
    public void pickedIn(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            lastDialogFolder = folder;
        }
    }

    private Path lastDialogFolder;

    /** File > New with the settings asked for; returns the problems (empty when the new plan is open). */
    public List<String> newPlan(dev.cidrstudio.app.ClusterSettingsEdit.Values values) {
        try {
            session.newPlan(dev.cidrstudio.app.ClusterSettingsEdit.newCluster(values));
            status.set("New plan: Service range " + String.join(" and ", new java.util.LinkedHashSet<>(
                    values.apiServerRanges().values())) + ", Kubernetes " + values.version().text());
            return List.of();
        } catch (dev.cidrstudio.app.ClusterSettingsEdit.Refused e) {
            return e.problems();
        }
    }

    /**
     * Writes the recovery copy of unsaved changes on the worker, from the plan's published snapshot, so it never holds
     * up the window nor reads a plan a script is changing.
     */
    public void autosave() {
        if (!session.dirty()) {
            return;
        }
        Runnable save = () -> {
            String outcome;
            try {
                outcome = session.autosave() ? "Recovery copy saved" : null;
            } catch (IOException | RuntimeException e) {
                outcome = "Could not save a recovery copy: " + e.getMessage();
            }
            String said = outcome;
            if (said != null) {
                onFx(() -> {
                    if (!busy.get()) {
                        status.set(said);
                    }
                });
            }
        };
        try {
            autosaver.execute(save);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The window is closing and its worker has stopped: the close itself asks about unsaved changes.
        }
    }
}
