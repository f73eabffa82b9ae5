package dev.cidrstudio.ui.controls;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The app's icon (rendered from assets/icon/cidrstudio.svg) at the sizes window managers ask for. */
public final class AppIcons {

    private static final int[] SIZES = {16, 32, 64, 128, 256};

    private AppIcons() {
    }

    /** Every size, for {@code Stage.getIcons()}; empty if the resources are missing. */
    public static List<Image> window() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            Image image = load(size);
            if (image != null) {
                icons.add(image);
            }
        }
        return icons;
    }

    /** The icon at {@code size} pixels (16, 32, 64, 128 or 256), or null. */
    public static Image load(int size) {
        InputStream in = AppIcons.class.getResourceAsStream("/dev/cidrstudio/ui/icon/cidrstudio-" + size + ".png");
        return in == null ? null : new Image(in);
    }
}
