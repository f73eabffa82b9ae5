package dev.cidrstudio.ui;

import javafx.stage.Window;

/**
 * Makes windows open at the size asked for under a window manager. With JavaFX 21's GTK glass, a reparenting
 * window manager (openbox, for one) maps a new window at its minimum size, or at 200x200 without one, whatever
 * size was set before {@code show()}; the size set again once the window is shown holds.
 */
public final class WindowSizing {

    private WindowSizing() {
    }

    /** Once {@code window} is shown, gives it {@code width} x {@code height} again. */
    public static void keepRequestedSize(Window window, double width, double height) {
        window.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> {
            if (isMaximized(window)) {
                return;
            }
            // Set whatever the window reports now: it still says the size asked for until the window manager's
            // answer arrives. The same value again would not reach the window system (the property would not
            // change), hence the step through one pixel more.
            window.setWidth(width + 1);
            window.setHeight(height + 1);
            window.setWidth(width);
            window.setHeight(height);
        });
    }

    private static boolean isMaximized(Window window) {
        return window instanceof javafx.stage.Stage && ((javafx.stage.Stage) window).isMaximized();
    }

    /** The size a window has when it is neither maximised nor full screen, kept up to date. */
    public static final class NormalSize {
        private double width;
        private double height;

        NormalSize(double width, double height) {
            this.width = width;
            this.height = height;
        }

        public double width() {
            return width;
        }

        public double height() {
            return height;
        }
    }

    /** Follows {@code stage}'s size while it is not maximised (nor full screen), starting from the given one. */
    public static NormalSize trackNormalSize(javafx.stage.Stage stage, double width, double height) {
        NormalSize n = new NormalSize(width, height);
        stage.widthProperty().addListener((o, a, b) -> {
            if (!stage.isMaximized() && !stage.isFullScreen() && !stage.isIconified()) {
                n.width = b.doubleValue();
            }
        });
        stage.heightProperty().addListener((o, a, b) -> {
            if (!stage.isMaximized() && !stage.isFullScreen() && !stage.isIconified()) {
                n.height = b.doubleValue();
            }
        });
        stage.maximizedProperty().addListener((o, was, now) -> {
            if (now) {
                // Should the maximising resize have been heard first, the kept size is at most the screen's.
                javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
                double[] fit = fitScreen(n.width, n.height, screen.getWidth(), screen.getHeight());
                n.width = fit[0];
                n.height = fit[1];
            }
        });
        return n;
    }

    /** A remembered size that fits the screen's usable area (a smaller screen than last time, say). */
    public static double[] fitScreen(double width, double height, double screenWidth, double screenHeight) {
        return new double[] {Math.min(width, screenWidth), Math.min(height, screenHeight)};
    }
}
