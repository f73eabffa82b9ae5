package dev.cidrstudio.ui.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.capacity.CapacityView;
import dev.cidrstudio.ui.console.ConsoleView;
import dev.cidrstudio.ui.dualstack.DualStackView;
import dev.cidrstudio.ui.hosts.HostsView;
import dev.cidrstudio.ui.map.MapView;
import dev.cidrstudio.ui.navigator.NavigatorView;
import dev.cidrstudio.ui.overview.OverviewView;
import dev.cidrstudio.ui.policies.PoliciesView;
import dev.cidrstudio.ui.servicecidrs.ServiceCidrsView;
import dev.cidrstudio.ui.services.ServicesView;
import dev.cidrstudio.ui.wizard.WizardView;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/** Code-behind of {@code MainWindow.fxml}: menus, file dialogs, drag and drop, the autosave timer. */
public final class MainWindowView {

    static final Duration AUTOSAVE_EVERY = Duration.seconds(30);

    @FXML
    private BorderPane root;
    @FXML
    private Menu openRecent;
    @FXML
    private Label status;
    @FXML
    private MenuItem undoItem;
    @FXML
    private MenuItem redoItem;
    @FXML
    private ProgressIndicator progress;
    @FXML
    private RadioMenuItem lightItem;
    @FXML
    private RadioMenuItem darkItem;
    @FXML
    private CheckMenuItem presenterItem;
    @FXML
    private OverviewView overviewController;
    @FXML
    private TabPane tabs;
    @FXML
    private NavigatorView navigatorController;
    @FXML
    private SplitPane workspace;
    @FXML
    private Label totals;
    @FXML
    private Button cancelButton;
    @FXML
    private MenuBar menuBar;
    @FXML
    private Menu goToMenu;
    @FXML
    private Menu trainingMenu;

    private MainWindowViewModel vm;

    public void bind(MainWindowViewModel viewModel) {
        this.vm = viewModel;
        overviewController.bind(vm.overview());
        lazy("mapTab", "/dev/cidrstudio/ui/map/MapView.fxml", (MapView c) -> {
            c.bind(vm.map());
            mapController = c;
        });
        lazy("servicesTab", "/dev/cidrstudio/ui/services/ServicesView.fxml",
                (ServicesView c) -> {
                    c.bind(vm.services(), vm.capacity().namespaces());
                    servicesController = c;
                });
        lazy("serviceCidrsTab", "/dev/cidrstudio/ui/servicecidrs/ServiceCidrsView.fxml",
                (ServiceCidrsView c) -> c.bind(vm.serviceCidrs()));
        lazy("capacityTab", "/dev/cidrstudio/ui/capacity/CapacityView.fxml",
                (CapacityView c) -> c.bind(vm.capacity()));
        lazy("hostsTab", "/dev/cidrstudio/ui/hosts/HostsView.fxml", (HostsView c) -> c.bind(vm.hosts()));
        lazy("dualStackTab", "/dev/cidrstudio/ui/dualstack/DualStackView.fxml",
                (DualStackView c) -> c.bind(vm.dualStack()));
        lazy("policiesTab", "/dev/cidrstudio/ui/policies/PoliciesView.fxml",
                (PoliciesView c) -> c.bind(vm.policies()));
        lazy("consoleTab", "/dev/cidrstudio/ui/console/ConsoleView.fxml",
                (ConsoleView c) -> c.bind(vm.console()));
        lazy("wizardTab", "/dev/cidrstudio/ui/wizard/WizardView.fxml", (WizardView c) -> c.bind(vm.wizard()));
        // Capacity's "Rehearse it in the Wizard": the Extend scenario with the prefix, prepared, in front.
        vm.workspace().rehearsalProperty().addListener((o, a, asked) -> {
            if (asked != null) {
                select("wizardTab");
                load(tabs.getSelectionModel().getSelectedItem());
                vm.wizard().kindProperty().set(dev.cidrstudio.wizard.ScenarioKind.EXTEND);
                vm.wizard().targetProperty().set(asked.cidr());
                vm.wizard().prepare();
            }
        });
        vm.wizard().setMapPreview((state, label) -> {
            vm.workspace().preview(state, label);
            select("mapTab");
        });
        // View > Go to: every tab by keyboard, Ctrl+1 for the first.
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            Tab tab = tabs.getTabs().get(i);
            MenuItem item = new MenuItem(tab.getText());
            item.setId("goTo-" + tab.getId());
            item.setMnemonicParsing(false);
            if (i < 9) {
                item.setAccelerator(new javafx.scene.input.KeyCodeCombination(
                        javafx.scene.input.KeyCode.valueOf("DIGIT" + (i + 1)),
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
            } else if ("wizardTab".equals(tab.getId())) {
                item.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.W,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN, javafx.scene.input.KeyCombination.SHIFT_DOWN));
            }
            item.setOnAction(e -> {
                tabs.getSelectionModel().select(tab);
                if (tab.getContent() != null) {
                    tab.getContent().requestFocus();
                }
            });
            goToMenu.getItems().add(item);
        }
        trainingMenu();
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            load(b);
            vm.rememberTab(b == null ? null : b.getId());
        });
        select(vm.preferences().tab());
        navigatorController.bind(vm.navigator());
        vm.navigator().setOpener(ref -> {
            switch (ref.kind()) {
                case "ServiceCIDR" -> {
                    select("serviceCidrsTab");
                    vm.serviceCidrs().edit(ref.name());
                }
                case "Service", "IPAddress" -> vm.navigatorShowOnMap(ref);
                case "Pod" -> select("hostsTab");
                case "Node" -> select("dualStackTab");
                default -> {
                    select("policiesTab");
                    vm.policies().rows().stream().filter(r -> r.name().equals(ref.name())
                            && r.kind().equals(ref.kind())).findFirst().ifPresent(r -> vm.policies()
                                    .selectedProperty().set(r));
                }
            }
        });
        totals.textProperty().bind(Bindings.createStringBinding(() -> vm.practiceStatusProperty().get().isEmpty()
                ? vm.titleProperty().get().replace("CIDR Studio - ", "") + "  ·  " + vm.navigator().totalsProperty().get()
                : vm.practiceStatusProperty().get() + "  ·  " + vm.navigator().totalsProperty().get(),
                vm.titleProperty(), vm.navigator().totalsProperty(), vm.practiceStatusProperty()));
        if (vm.preferences().divider() > 0) {
            workspace.setDividerPositions(vm.preferences().divider());
        }
        // Only a divider the user dragged is remembered: the window's own first layouts and resizes move the
        // fraction too, and remembering those made the navigator wider at every start.
        workspace.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            double now = workspace.getDividers().get(0).getPosition();
            if (!vm.presenterProperty().get() && Math.abs(now - vm.preferences().divider()) > 0.001) {
                vm.rememberDivider(now);
            }
        });
        vm.services().setShowOnMap(ip -> {
            select("mapTab");
            Platform.runLater(() -> mapView().reveal(ip));
        });
        status.textProperty().bind(vm.statusProperty());
        undoItem.textProperty().bind(vm.undoTextProperty());
        undoItem.disableProperty().bind(vm.canUndoProperty().not());
        redoItem.textProperty().bind(vm.redoTextProperty());
        redoItem.disableProperty().bind(vm.canRedoProperty().not());
        progress.visibleProperty().bind(vm.busyProperty());
        cancelButton.visibleProperty().bind(vm.busyProperty());
        cancelButton.managedProperty().bind(vm.busyProperty());
        // Long work leaves the window readable but not editable; Cancel stays available.
        workspace.disableProperty().bind(vm.busyProperty());
        menuBar.disableProperty().bind(vm.busyProperty());
        vm.recentFiles().addListener((ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        vm.setMessageHandler(this::show);
        (vm.darkProperty().get() ? darkItem : lightItem).setSelected(true);
        darkItem.selectedProperty().addListener((o, a, b) -> vm.darkProperty().set(b));
        vm.darkProperty().addListener((o, a, b) -> (b ? darkItem : lightItem).setSelected(true));
        presenterItem.selectedProperty().bindBidirectional(vm.presenterProperty());
        // Presenter mode gives the room to the tabs (console, map): the navigator folds away, and comes back after.
        vm.presenterProperty().addListener((o, a, b) -> presenterLayout(b));
        if (vm.presenterProperty().get()) {
            Platform.runLater(() -> presenterLayout(true));
        }
        vm.darkProperty().addListener((o, a, b) -> applyTheme());
        vm.presenterProperty().addListener((o, a, b) -> applyTheme());
        vm.textZoomProperty().addListener((o, a, b) -> applyTheme());
        root.sceneProperty().addListener((o, a, b) -> applyTheme());
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dropped);
        Timeline autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> vm.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    static final String LIGHT_TOKENS = "/dev/cidrstudio/ui/theme/light.css";
    static final String DARK_TOKENS = "/dev/cidrstudio/ui/theme/dark.css";

    /**
     * The theme: AtlantaFX's Primer light or dark as the user-agent stylesheet, CIDR Studio's colour tokens for
     * the same theme, and the root font size (text zoom, presenter mode).
     */
    public void applyTheme() {
        style(vm.darkProperty().get(), vm.fontSize());
    }

    /**
     * Styles the window for a theme and a font size: the theme's user-agent stylesheet, its colour tokens, the
     * root's size. The app calls it before the plan is bound, with the remembered preferences, so the first CSS
     * pass runs while a large plan is still loading.
     */
    public void style(boolean dark, double fontSize) {
        String sheet = dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
        if (!sheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(sheet);
        }
        root.setStyle("-fx-font-size: " + fontSize + "px;");
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(dark ? "dark" : "light");
        root.getStyleClass().remove("presenting");
        if (vm != null && vm.presenterProperty().get()) {
            root.getStyleClass().add("presenting");
        }
        if (root.getScene() != null) {
            String tokens = getClass().getResource(dark ? DARK_TOKENS : LIGHT_TOKENS).toExternalForm();
            if (!root.getScene().getStylesheets().equals(java.util.List.of(tokens))) {
                root.getScene().getStylesheets().setAll(tokens);
            }
        }
    }

    private double dividerBeforePresenting = 0.22;

    /** The navigator while presenter mode has folded it away. */
    private javafx.scene.Node foldedNavigator;

    /**
     * Presenter mode folds the navigator away (out of the split, not squeezed: its labels would wrap letter by
     * letter) so the tabs, the map and the console get the whole width; leaving it puts the navigator back where it
     * was.
     */
    private void presenterLayout(boolean presenting) {
        if (presenting && foldedNavigator == null && workspace.getItems().size() > 1) {
            dividerBeforePresenting = workspace.getDividerPositions()[0];
            foldedNavigator = workspace.getItems().remove(0);
        } else if (!presenting && foldedNavigator != null) {
            workspace.getItems().add(0, foldedNavigator);
            foldedNavigator = null;
            workspace.setDividerPositions(dividerBeforePresenting > 0.02 ? dividerBeforePresenting : 0.22);
        }
    }

    /**
     * Training: every built-in exercise and docs page from the menu bar; each opens the Console on its own practice
     * cluster (the plan is not touched).
     */
    private void trainingMenu() {
        for (dev.cidrstudio.wizard.Training.BuiltIn b : dev.cidrstudio.wizard.Training.BUILT_IN) {
            trainingMenu.getItems().add(trainingItem("Exercise: " + b.title(),
                    () -> vm.console().startExercise(b.build().get())));
        }
        trainingMenu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        for (dev.cidrstudio.console.DocsPages.Page page : dev.cidrstudio.console.DocsPages.PAGES) {
            trainingMenu.getItems().add(trainingItem("Replay: " + page.title(), () -> vm.console().loadDocsPage(page)));
        }
    }

    private MenuItem trainingItem(String text, Runnable start) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        item.setOnAction(e -> {
            select("consoleTab");
            load(tabs.getSelectionModel().getSelectedItem());
            start.run();
        });
        return item;
    }

    /** Brings a tab to the front by its id. */
    public void select(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    @FXML
    void onFind() {
        select("servicesTab");
        load(tabs.getSelectionModel().getSelectedItem());
        servicesController.focusFind();
    }

    @FXML
    void onClusterSettings() {
        new ClusterSettingsDialog(vm, window()).dialog().show();
    }

    /** Ctrl+Shift+D: dark when light, light when dark. */
    @FXML
    void onSwitchTheme() {
        vm.darkProperty().set(!vm.darkProperty().get());
    }

    @FXML
    void onFocusNavigator() {
        navigatorController.focus();
    }

    @FXML
    void onTextZoomIn() {
        vm.zoomText(1);
    }

    @FXML
    void onTextZoomOut() {
        vm.zoomText(-1);
    }

    @FXML
    void onTextZoomReset() {
        vm.zoomText(0);
    }

    @FXML
    void onHelp() {
        HelpWindow.show(window());
    }

    /** The Map tab's view (its export actions are used by tests as by the toolbar). */
    public MapView mapView() {
        tabs.getTabs().stream().filter(t -> "mapTab".equals(t.getId())).findFirst().ifPresent(this::load);
        return mapController;
    }

    private MapView mapController;
    private ServicesView servicesController;
    /** Tabs whose view is loaded the first time they are shown, so the window opens fast. */
    private final java.util.Map<String, Runnable> lazyTabs = new java.util.HashMap<>();

    private <C> void lazy(String tabId, String fxml, Consumer<C> bind) {
        lazyTabs.put(tabId, () -> {
            FXMLLoader loader = new FXMLLoader(getClass().getResource(fxml));
            Node content;
            try {
                content = loader.load();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the view " + fxml + " could not be loaded", e);
            }
            bind.accept(loader.getController());
            if (content instanceof javafx.scene.Parent p) {
                dev.cidrstudio.ui.controls.Labels.linkToNextField(p);
            } else if (content instanceof javafx.scene.control.ScrollPane sp
                    && sp.getContent() instanceof javafx.scene.Parent p) {
                dev.cidrstudio.ui.controls.Labels.linkToNextField(p);
            }
            tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                    .ifPresent(t -> t.setContent(content));
        });
    }

    private void load(Tab tab) {
        if (tab != null && tab.getContent() == null) {
            Runnable r = lazyTabs.remove(tab.getId());
            if (r != null) {
                r.run();
            }
        }
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void rebuildRecent() {
        openRecent.getItems().clear();
        for (Path p : vm.recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p));
            openRecent.getItems().add(item);
        }
        openRecent.setDisable(openRecent.getItems().isEmpty());
    }

    private FileChooser chooser(String title, boolean plansOnly) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        if (plansOnly) {
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CIDR Studio plans",
                    "*" + PlanSession.EXTENSION));
        }
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("YAML and JSON", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        vm.dialogFolder().ifPresent(d -> fc.setInitialDirectory(d.toFile()));
        return fc;
    }

    /** The file the user picked (remembered as the next dialog's folder), or null. */
    private File picked(File f) {
        if (f != null) {
            vm.pickedIn(f.toPath());
        }
        return f;
    }

    @FXML
    void onServe() {
        new ServeDialog(vm, window()).show();
    }

    @FXML
    void onClose() {
        if (confirmDiscard()) {
            vm.closePlan();
        }
    }

    @FXML
    void onOpenDemo() {
        if (confirmDiscard()) {
            vm.openDemo();
        }
    }

    @FXML
    void onNew() {
        if (confirmDiscard()) {
            ClusterSettingsDialog.forNewPlan(vm, window()).dialog().show();
        }
    }

    @FXML
    void onOpen() {
        if (!confirmDiscard()) {
            return;
        }
        File f = picked(chooser("Open plan", true).showOpenDialog(window()));
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    @FXML
    void onSave() {
        if (!vm.save()) {
            onSaveAs();
        }
    }

    @FXML
    void onSaveAs() {
        FileChooser fc = chooser("Save plan", true);
        fc.setInitialFileName(vm.session().name());
        File f = picked(fc.showSaveDialog(window()));
        if (f != null) {
            vm.saveAs(f.toPath());
        }
    }

    @FXML
    void onImport() {
        List<File> files = chooser("Import manifests or a cluster dump", false).showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            picked(files.get(0));
            vm.importFiles(files.stream().map(File::toPath).toList());
        }
    }

    @FXML
    void onExport() {
        new ExportDialog(vm, window(), options -> Platform.runLater(() -> {
            FileChooser fc = chooser("Export manifests for kubectl apply", false);
            fc.setInitialFileName(vm.session().name().replace(PlanSession.EXTENSION, "") + "-manifests.yaml");
            File f = picked(fc.showSaveDialog(window()));
            if (f != null) {
                vm.export(f.toPath(), options);
            }
        })).dialog().show();
    }

    @FXML
    void onQuit() {
        if (confirmDiscard()) {
            ((Stage) window()).close();
        }
    }

    /** Asks before unsaved changes are lost; true to go ahead. */
    public boolean confirmDiscard() {
        if (!vm.session().dirty()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The plan has unsaved changes.", save, discard,
                ButtonType.CANCEL);
        a.setHeaderText("Save changes to " + vm.session().name() + "?");
        a.initOwner(window());
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            onSave();
            return !vm.session().dirty();
        }
        return answer == discard;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            vm.importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /** The last findings dialog shown (tests look into it). */
    FindingsDialog findings;

    private void show(MainWindowViewModel.Message m) {
        if (!m.error() && m.lines().stream().noneMatch(l -> l.contains(": warning: ") || l.contains(": error: "))) {
            return;
        }
        if (!m.findings().isEmpty()) {
            findings = new FindingsDialog(m, window(), vm.sideWorker());
            findings.show();
            return;
        }
        Alert a = new Alert(m.error() ? Alert.AlertType.ERROR : Alert.AlertType.INFORMATION);
        a.initOwner(window());
        a.setHeaderText(m.heading());
        TextArea text = new TextArea(String.join("\n", m.lines()));
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(14, Math.max(3, m.lines().size())));
        a.getDialogPane().setContent(text);
        a.show();
    }

    @FXML
    void onCancel() {
        vm.cancel();
    }

    @FXML
    void onUndo() {
        vm.undo();
    }

    @FXML
    void onRedo() {
        vm.redo();
    }

    @FXML
    void onAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, aboutText(vm.session().configDir()));
        a.setTitle("About CIDR Studio");
        a.setHeaderText("CIDR Studio " + dev.cidrstudio.app.AppVersion.version());
        javafx.scene.image.Image icon = dev.cidrstudio.ui.controls.AppIcons.load(64);
        if (icon != null) {
            a.setGraphic(new javafx.scene.image.ImageView(icon));
        }
        a.getDialogPane().setId("aboutDialog");
        a.initOwner(window());
        a.show();
    }

    /** The About dialog's text: what the app is, which Kubernetes it follows, what it runs on, where it writes. */
    static String aboutText(Path configDir) {
        return "A planner for Kubernetes Service IP ranges, dual-stack Services and Pods, and the kubelet's "
                + "/etc/hosts.\n\nKubernetes behaviour of 1.33, 1.34 and 1.35 (the plan's kubernetesVersion).\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.runtime.version", "?") + ".\n"
                + "Settings, recent files and the recovery copy: " + configDir;
    }
}
