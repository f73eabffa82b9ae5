package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A block holding a single used address among thousands still stands out from free space, in both themes: at least
 * the 3:1 contrast WCAG asks of graphics, so a lone Service is not lost as a faint dot in dark mode.
 */
class LoneAllocationContrastTest {

    private static double luminance(int argb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = ((argb >> (16 - 8 * i)) & 0xFF) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void oneAddressInABigBlockIsVisibleOnFreeSpace(String theme) {
        MapRenderer.Style s = MapTheme.of(theme);
        int lone = MapRenderer.heat(s, 1, 4096);
        for (int free : new int[] {s.freeDynamic(), s.freeStatic()}) {
            double ratio = contrast(lone, free);
            assertTrue(ratio >= 3.0, theme + ": " + Integer.toHexString(lone) + " on " + Integer.toHexString(free)
                    + " is " + ratio);
        }
    }
}
