package dev.cidrstudio.ui;

import dev.cidrstudio.app.DemoPlan;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.ui.overview.OverviewView;
import dev.cidrstudio.ui.overview.OverviewViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop app: opens the built-in demo plan in the overview window. */
public final class CidrStudioApp extends Application {

    public static final String TITLE = "CIDR Studio";
    static final String THEME = "/dev/cidrstudio/ui/theme/light.css";

    public static void launchApp(String[] args) {
        Application.launch(CidrStudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        PlanLoader.Result demo = DemoPlan.load();
        OverviewViewModel vm = new OverviewViewModel();
        vm.load(DemoPlan.NAME, demo.api());
        stage.setTitle(TITLE);
        stage.setScene(createScene(vm));
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        stage.show();
    }

    /** Builds the overview scene around a view-model (used by the app and by the UI tests). */
    public static Scene createScene(OverviewViewModel vm) {
        FXMLLoader loader = new FXMLLoader(OverviewView.class.getResource(
                "/dev/cidrstudio/ui/overview/OverviewView.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the overview view could not be loaded", e);
        }
        OverviewView view = loader.getController();
        view.bind(vm);
        Scene scene = new Scene(root, 1000, 640);
        scene.getStylesheets().add(CidrStudioApp.class.getResource(THEME).toExternalForm());
        return scene;
    }
}
