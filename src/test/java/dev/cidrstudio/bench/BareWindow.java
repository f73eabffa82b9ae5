package dev.cidrstudio.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The floor for start-up: a bare JavaFX window with one label; prints the ms from JVM start to its first frame. */
public final class BareWindow extends Application {

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("bare"), 1180, 760));
        stage.show();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                Platform.runLater(() -> {
                    System.out.println("first-frame-ms " + (System.currentTimeMillis()
                            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
                    Platform.exit();
                });
            }
        }.start();
    }

    /** Started through a class that is not an Application, as the app's own Launcher is (class path JavaFX). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(BareWindow.class, args);
        }
    }
}
