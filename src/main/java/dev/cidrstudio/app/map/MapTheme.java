package dev.cidrstudio.app.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The map's palettes, read from the theme's stylesheets (the {@code -cs-map-*} tokens of {@code .address-map} in
 * {@code light.css} and {@code dark.css}), so the window and the command line draw with the colours the theme
 * defines and no colour lives in code. The map paints its own pixels, which is why the tokens are read here
 * rather than resolved by the JavaFX CSS engine.
 */
public final class MapTheme {

    /** Where the theme stylesheets are; {@code <name>.css}. */
    public static final String THEME_DIR = "/dev/cidrstudio/ui/theme/";

    private static final Pattern TOKEN = Pattern.compile("(-cs-map-[a-z0-9-]+)\\s*:\\s*#([0-9a-fA-F]{6})\\s*;");
    private static final int NAMESPACE_COLOURS = 8;
    private static final Map<String, MapRenderer.Style> CACHE = new ConcurrentHashMap<>();

    private MapTheme() {
    }

    /** The palette of a theme ("light" or "dark"). */
    public static MapRenderer.Style of(String theme) {
        return CACHE.computeIfAbsent(theme, t -> parse(t + ".css", read(THEME_DIR + t + ".css")));
    }

    public static MapRenderer.Style light() {
        return of("light");
    }

    public static MapRenderer.Style dark() {
        return of("dark");
    }

    private static String read(String resource) {
        try (InputStream in = MapTheme.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the theme stylesheet " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The palette a stylesheet's {@code -cs-map-*} tokens define; every token must be there. */
    static MapRenderer.Style parse(String name, String css) {
        Map<String, Integer> tokens = new LinkedHashMap<>();
        Matcher m = TOKEN.matcher(css);
        while (m.find()) {
            tokens.put(m.group(1), 0xFF000000 | Integer.parseInt(m.group(2), 16));
        }
        List<String> missing = new ArrayList<>();
        int[] namespaces = new int[NAMESPACE_COLOURS];
        for (int i = 0; i < NAMESPACE_COLOURS; i++) {
            namespaces[i] = token(tokens, "-cs-map-namespace-" + (i + 1), missing);
        }
        MapRenderer.Style style = new MapRenderer.Style(token(tokens, "-cs-map-outside", missing),
                token(tokens, "-cs-map-free-dynamic", missing), token(tokens, "-cs-map-free-static", missing),
                token(tokens, "-cs-map-reserved", missing), token(tokens, "-cs-map-heat-low", missing),
                token(tokens, "-cs-map-heat-high", missing), token(tokens, "-cs-map-kubernetes", missing),
                token(tokens, "-cs-map-overlap", missing), token(tokens, "-cs-map-pending", missing),
                token(tokens, "-cs-map-grid", missing), token(tokens, "-cs-map-selection", missing), namespaces);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + " does not define " + String.join(", ", missing));
        }
        return style;
    }

    private static int token(Map<String, Integer> tokens, String name, List<String> missing) {
        Integer v = tokens.get(name);
        if (v == null) {
            missing.add(name);
            return 0;
        }
        return v;
    }
}
