package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The map's palettes come from the theme stylesheets' -cs-map-* tokens, complete for both themes. */
class MapThemeTest {

    @Test
    void bothThemesDefineEveryTokenAndDiffer() {
        MapRenderer.Style light = MapTheme.light();
        MapRenderer.Style dark = MapTheme.dark();
        assertEquals(8, light.namespaces().length);
        assertEquals(0xFFF4F4F2, light.outside());
        assertEquals(0xFF1E1F22, dark.outside());
        assertNotEquals(light.selection(), dark.selection(), "the selection outline contrasts with each background");
    }

    @Test
    void aStylesheetMissingATokenIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MapTheme.parse("broken.css",
                ".address-map { -cs-map-outside: #000000; }"));
        assertEquals(true, e.getMessage().startsWith("broken.css does not define -cs-map-namespace-1, "),
                e.getMessage());
    }
}
