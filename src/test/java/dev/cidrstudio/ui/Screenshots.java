package dev.cidrstudio.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Renders a scene to a PNG under target/screenshots, so a person can look at what a view shows. */
public final class Screenshots {

    private Screenshots() {
    }

    /** {@link #write} from a test thread: renders on the FX thread, waits for it, and returns the file. */
    public static Path writeFromTest(Scene scene, String name) {
        java.util.concurrent.atomic.AtomicReference<Path> file = new java.util.concurrent.atomic.AtomicReference<>();
        javafx.application.Platform.runLater(() -> {
            try {
                file.set(write(scene, name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        if (file.get() == null) {
            throw new IllegalStateException("the screenshot " + name + " was not written");
        }
        return file.get();
    }

    public static Path write(Scene scene, String name) throws IOException {
        WritableImage img = scene.snapshot(null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
