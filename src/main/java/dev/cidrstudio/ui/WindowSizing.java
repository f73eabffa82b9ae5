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
}
