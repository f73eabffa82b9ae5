package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsAndFallsBackToDefaultsOnDamage() throws Exception {
        assertEquals(UiPreferences.DEFAULTS, UiPreferences.load(dir));
        UiPreferences p = UiPreferences.DEFAULTS.withTheme(true, true, 1.3).withWindow(10, 20, 1400, 900, true)
                .withDivider(0.3).withTab("mapTab");
        p.save(dir);
        assertEquals(p, UiPreferences.load(dir));
        Files.writeString(dir.resolve(UiPreferences.FILE), "theme=dark\ntextZoom=lots\nwindow.width=-5\n"
                + "window.tab=../../etc\nwindow.navigator=7\n");
        UiPreferences damaged = UiPreferences.load(dir);
        assertEquals(true, damaged.dark());
        assertEquals(1.0, damaged.textZoom());
        assertEquals(1180, damaged.width());
        assertEquals("overviewTab", damaged.tab());
        assertEquals(0.22, damaged.divider());
    }
}
