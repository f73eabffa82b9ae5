package dev.cidrstudio.ui;

import dev.cidrstudio.app.CrashHandler;
import dev.cidrstudio.app.CrashLog;
import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.RecoveryStore;
import dev.cidrstudio.app.UiPreferences;
import dev.cidrstudio.ui.controls.AppIcons;
import dev.cidrstudio.ui.main.MainWindowView;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** The desktop app: opens the built-in demo plan (or offers the recovery copy a crash left) in the main window. */
public final class CidrStudioApp extends Application {

    public static final String TITLE = "CIDR Studio";
    static final String THEME = "/dev/cidrstudio/ui/theme/light.css";

    private ExecutorService worker;
    private ExecutorService autosaver;

    /** The first plan and why it is not the one asked for (null when it is). */
    private record Opened(PlanSession session, String error) {
    }

    /** The first plan (the demo, or the file named), loaded on another thread while the JavaFX toolkit starts. */
    private static CompletableFuture<Opened> first;

    /** Logs what nothing caught and tells the user where the report is (a dialog once the window is up). */
    private static CrashHandler crashes;

    public static void launchApp(String[] args) {
        crashes = new CrashHandler(new CrashLog(PlanSession.defaultConfigDir(), Clock.systemDefaultZone()),
                System.err);
        Thread.setDefaultUncaughtExceptionHandler(crashes);
        first = CompletableFuture.supplyAsync(() -> {
            Path config = PlanSession.defaultConfigDir();
            PlanSession demo = PlanSession.demo(config);
            if (args.length == 0) {
                return new Opened(demo, null);
            }
            try {
                demo.open(Path.of(args[0]));
                return new Opened(demo, null);
            } catch (IOException | ManifestImport.ImportException e) {
                // The window says why; the details only matter when debugging.
                System.getLogger(CidrStudioApp.class.getName()).log(System.Logger.Level.DEBUG,
                        () -> args[0] + " could not be opened", e);
                String why = e instanceof ManifestImport.ImportException ie
                        ? String.join("\n", ie.findings().stream().map(Finding::describe).toList())
                        : e.getMessage();
                return new Opened(PlanSession.demo(config), args[0] + " could not be opened; the demo plan is "
                        + "shown instead.\n\n" + why);
            }
        });
        Application.launch(CidrStudioApp.class, args);
    }

    /** The window's plan, closed (its lock released, its recovery copy removed) when the app stops. */
    private PlanSession session;

    @Override
    public void start(Stage stage) {
        if (crashes != null) {
            Thread.currentThread().setUncaughtExceptionHandler(crashes);
        }
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cidrstudio-worker");
            t.setDaemon(true);
            return t;
        });
        // The window's nodes load and take their first CSS pass, with the remembered theme, while the first plan
        // is still being read (a big plan takes a second).
        Loaded loaded = loadMainWindow();
        UiPreferences remembered = UiPreferences.load(PlanSession.defaultConfigDir());
        loaded.view().style(remembered.dark(), MainWindowViewModel.fontSize(remembered.textZoom(),
                remembered.presenter()));
        loaded.scene().getRoot().applyCss();
        Opened opened = first != null ? first.join() : new Opened(PlanSession.demo(PlanSession.defaultConfigDir()),
                null);
        session = opened.session();
        autosaver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cidrstudio-autosave");
            t.setDaemon(true);
            return t;
        });
        MainWindowViewModel vm = new MainWindowViewModel(session, worker, autosaver);
        MainWindow main = bindMainWindow(loaded, vm);
        MainWindowView view = main.view();
        Scene scene = main.scene();
        stage.titleProperty().bind(vm.titleProperty());
        stage.getIcons().setAll(AppIcons.window());
        stage.setScene(scene);
        var prefs = vm.preferences();
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double[] size = WindowSizing.fitScreen(prefs.width(), prefs.height(), screen.getWidth(), screen.getHeight());
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
        // The size comes back, the place is the window manager's: JavaFX 21 on GTK reads a window's position
        // without its frame, so a remembered place would creep a frame's width up and left at every start (and
        // Wayland gives no place to remember). Dialogs open centred on the window.
        WindowSizing.keepRequestedSize(stage, size[0], size[1]);
        if (prefs.maximized()) {
            stage.setMaximized(true);
        }
        // A maximised window's size is the screen's: what is remembered is the size it had before, so the next
        // start is never larger than the screen once it is restored.
        WindowSizing.NormalSize normal = WindowSizing.trackNormalSize(stage, size[0], size[1]);
        stage.setOnHidden(e -> {
            vm.rememberWindow(stage.getX(), stage.getY(), normal.width(), normal.height(), stage.isMaximized());
            vm.stopServing();
        });
        stage.setOnCloseRequest(e -> {
            if (!view.confirmDiscard()) {
                e.consume();
            }
        });
        stage.show();
        if (crashes != null) {
            crashes.tellUserBy(new CrashDialog(stage, System.err));
            stage.addEventHandler(WindowEvent.WINDOW_HIDDEN,
                    e -> crashes.tellUserBy(CrashHandler.stderrNotice(System.err)));
        }
        var raw = getParameters().getRaw();
        if (opened.error() != null) {
            Alert a = new Alert(Alert.AlertType.ERROR, opened.error());
            a.setHeaderText("The plan could not be opened");
            a.initOwner(stage);
            a.show();
        } else if (raw.isEmpty()) {
            offerRecovery(session, stage);
        }
        if (Boolean.getBoolean(FIRST_FRAME_PROPERTY)) {
            reportFirstFrame(vm);
        }
    }

    /** Benchmarks: prints the milliseconds from JVM start to the first frame showing the plan's map, then exits. */
    public static final String FIRST_FRAME_PROPERTY = "cidrstudio.reportFirstFrame";

    private static void reportFirstFrame(MainWindowViewModel vm) {
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                boolean ready = vm.map().mapProperty().get() != null && !vm.busyProperty().get();
                if (ready) {
                    stop();
                    Platform.runLater(() -> {
                        long ms = System.currentTimeMillis()
                                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                        System.out.println("first-frame-ms " + ms);
                        Platform.exit();
                    });
                }
            }
        };
        timer.start();
    }

    /**
     * After a crash the newest recovery copy a window left is offered back once; it reopens as the plan it was a copy
     * of (Save writes to that file). Copies of windows still running are theirs, never offered.
     */
    private static void offerRecovery(PlanSession session, Stage stage) {
        List<RecoveryStore.Copy> copies = session.orphanedRecoveries();
        if (copies.isEmpty()) {
            return;
        }
        RecoveryStore.Copy copy = copies.get(0);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "CIDR Studio was closed with unsaved changes to "
                + copy.planFile().map(Path::toString).orElse(copy.name()) + ". Open the recovered copy?",
                ButtonType.YES, ButtonType.NO);
        a.setHeaderText("Recover unsaved changes");
        a.initOwner(stage);
        a.showAndWait().ifPresent(answer -> {
            try {
                if (answer == ButtonType.YES) {
                    session.recover(copy);
                } else {
                    session.discardRecovery(copy);
                }
            } catch (IOException | ManifestImport.ImportException ex) {
                System.getLogger(CidrStudioApp.class.getName()).log(System.Logger.Level.WARNING,
                        "the recovered copy could not be opened", ex);
                Alert e = new Alert(Alert.AlertType.ERROR, "The recovered copy could not be opened: "
                        + ex.getMessage() + "\nIt is kept at " + copy.file());
                e.initOwner(stage);
                e.show();
            }
        });
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
        if (autosaver != null) {
            autosaver.shutdown();
        }
    }

    /** The main window's scene and its code-behind. */
    public record MainWindow(Scene scene, MainWindowView view) {
    }

    /** Builds the main window around a view-model (used by the app and by the UI tests). */
    public static MainWindow createMainWindow(MainWindowViewModel vm) {
        return bindMainWindow(loadMainWindow(), vm);
    }

    /** The main window's scene and code-behind, not yet bound to a plan. */
    private record Loaded(Scene scene, MainWindowView view) {
    }

    private static Loaded loadMainWindow() {
        FXMLLoader loader = new FXMLLoader(MainWindowView.class.getResource("/dev/cidrstudio/ui/main/MainWindow.fxml"));
        try {
            Parent root = loader.load();
            return new Loaded(new Scene(root, 1000, 660), loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("the main window could not be loaded", e);
        }
    }

    private static MainWindow bindMainWindow(Loaded loaded, MainWindowViewModel vm) {
        MainWindowView view = loaded.view();
        view.bind(vm);
        view.applyTheme();
        return new MainWindow(loaded.scene(), view);
    }
}
