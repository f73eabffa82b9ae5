package dev.cidrstudio.app;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the window remembers between runs: theme, presenter mode, text zoom, the window's size and place, the
 * navigator's width and the tab in front.
 * Stored as {@code preferences.properties} in the configuration directory, written atomically; a missing or
 * damaged file gives the defaults.
 */
public record UiPreferences(boolean dark, boolean presenter, double textZoom, double x, double y, double width,
        double height, boolean maximized, double divider, String tab) {

    public static final String FILE = "preferences.properties";
    public static final UiPreferences DEFAULTS = new UiPreferences(false, false, 1.0, Double.NaN, Double.NaN, 1180,
            760, false, 0.22, "overviewTab");

    public UiPreferences {
        textZoom = Double.isFinite(textZoom) ? Math.max(0.7, Math.min(2.5, textZoom)) : 1.0;
        width = Double.isFinite(width) && width >= 640 ? width : 1180;
        height = Double.isFinite(height) && height >= 420 ? height : 760;
        divider = Double.isFinite(divider) && divider > 0.05 && divider < 0.6 ? divider : 0.22;
        tab = tab == null || !tab.matches("[A-Za-z]+Tab") ? "overviewTab" : tab;
    }

    public static UiPreferences load(Path configDir) {
        Path f = configDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(f)));
        } catch (IOException | IllegalArgumentException e) {
            System.getLogger(UiPreferences.class.getName()).log(System.Logger.Level.WARNING,
                    () -> f + " could not be read; the default preferences are used", e);
            return DEFAULTS;
        }
        return new UiPreferences("dark".equals(p.getProperty("theme")), Boolean.parseBoolean(p.getProperty(
                "presenter")), number(p, "textZoom", 1.0), number(p, "window.x", Double.NaN), number(p, "window.y",
                        Double.NaN), number(p, "window.width", DEFAULTS.width()), number(p, "window.height",
                                DEFAULTS.height()), Boolean.parseBoolean(p.getProperty("window.maximized")),
                number(p, "window.navigator", 0.22), p.getProperty("window.tab"));
    }

    private static double number(Properties p, String key, double fallback) {
        try {
            String v = p.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public void save(Path configDir) throws IOException {
        Files.createDirectories(configDir);
        Properties p = new Properties();
        p.setProperty("theme", dark ? "dark" : "light");
        p.setProperty("presenter", Boolean.toString(presenter));
        p.setProperty("textZoom", Double.toString(textZoom));
        if (Double.isFinite(x) && Double.isFinite(y)) {
            p.setProperty("window.x", Double.toString(x));
            p.setProperty("window.y", Double.toString(y));
        }
        p.setProperty("window.width", Double.toString(width));
        p.setProperty("window.height", Double.toString(height));
        p.setProperty("window.maximized", Boolean.toString(maximized));
        p.setProperty("window.navigator", Double.toString(divider));
        p.setProperty("window.tab", tab);
        StringWriter w = new StringWriter();
        p.store(w, "CIDR Studio window preferences");
        LocalFiles.write(configDir.resolve(FILE), w.toString());
    }

    public UiPreferences withTheme(boolean d, boolean pres, double zoom) {
        return new UiPreferences(d, pres, zoom, x, y, width, height, maximized, divider, tab);
    }

    public UiPreferences withWindow(double nx, double ny, double w, double h, boolean max) {
        return new UiPreferences(dark, presenter, textZoom, nx, ny, w, h, max, divider, tab);
    }

    public UiPreferences withDivider(double d) {
        return new UiPreferences(dark, presenter, textZoom, x, y, width, height, maximized, d, tab);
    }

    public UiPreferences withTab(String t) {
        return new UiPreferences(dark, presenter, textZoom, x, y, width, height, maximized, divider, t);
    }
}
