package dev.cidrstudio.app.map;

import dev.cidrstudio.app.LocalFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The map as a file: a PNG of the rendered pixels, or an SVG whose rectangles are the pixels' runs of one
 * colour (so it scales without blur), each with a title line and the legend.
 */
public final class MapExport {

    /** One drawn panel: its title ("kubernetes 10.96.0.0/24 - 4 of 254 used") and pixels. */
    public record Panel(String title, int[] pixels, int width, int height) {
    }

    /** One legend entry; {@code namespace} is set for a namespace's entry. */
    public record LegendEntry(int color, String label, String namespace) {
        public LegendEntry(int color, String label) {
            this(color, label, null);
        }
    }

    private static final int TITLE = 22;
    private static final int GAP = 16;

    private MapExport() {
    }

    private static double luminance(int argb) {
        return (0.2126 * ((argb >> 16) & 0xFF) + 0.7152 * ((argb >> 8) & 0xFF) + 0.0722 * (argb & 0xFF)) / 255;
    }

    /**
     * Writes ARGB pixels (the window's rendering of the view, titles and legend included) as a PNG; no text is
     * drawn here, so it needs no fonts.
     */
    public static void png(Path file, int[] argb, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        LocalFiles.write(file, out.toByteArray());
    }

    /** The SVG text: one {@code rect} per horizontal run of one colour. */
    public static String svg(List<Panel> panels, List<LegendEntry> legend, int background) {
        int w = GAP;
        int h = 0;
        for (Panel p : panels) {
            w += p.width() + GAP;
            h = Math.max(h, p.height());
        }
        int width = Math.max(w, 560);
        int legendRows = (legend.size() + 3) / 4;
        int height = TITLE + h + GAP + legendRows * 20 + GAP;
        boolean dark = luminance(background) < 0.5;
        String ink = dark ? "#e8e8e8" : "#202020";
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" shape-rendering=\"crispEdges\" font-family=\"sans-serif\" "
                        + "font-size=\"13\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(hex(background)).append("\"/>\n");
        int x = GAP;
        for (Panel p : panels) {
            sb.append("<text x=\"").append(x).append("\" y=\"15\" fill=\"").append(ink).append("\">")
                    .append(escape(p.title())).append("</text>\n<g transform=\"translate(").append(x).append(',')
                    .append(TITLE).append(")\">\n");
            for (int row = 0; row < p.height(); row++) {
                int start = 0;
                for (int col = 1; col <= p.width(); col++) {
                    int idx = row * p.width();
                    if (col == p.width() || p.pixels()[idx + col] != p.pixels()[idx + start]) {
                        sb.append("<rect x=\"").append(start).append("\" y=\"").append(row).append("\" width=\"")
                                .append(col - start).append("\" height=\"1\" fill=\"")
                                .append(hex(p.pixels()[idx + start])).append("\"/>\n");
                        start = col;
                    }
                }
            }
            sb.append("</g>\n");
            x += p.width() + GAP;
        }
        int y = TITLE + h + GAP;
        for (int i = 0; i < legend.size(); i++) {
            int lx = GAP + (i % 4) * 180;
            int ly = y + (i / 4) * 20;
            sb.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"14\" height=\"14\" "
                    + "fill=\"").append(hex(legend.get(i).color())).append("\" stroke=\"").append(ink)
                    .append("\"/><text x=\"").append(lx + 20).append("\" y=\"").append(ly + 12).append("\" fill=\"")
                    .append(ink).append("\">").append(escape(legend.get(i).label())).append("</text>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    public static void svg(Path file, List<Panel> panels, List<LegendEntry> legend, int background)
            throws IOException {
        LocalFiles.write(file, svg(panels, legend, background));
    }

    private static String hex(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
    }

    /**
     * Text for an SVG element or attribute: markup escaped, and characters XML 1.0 does not allow (control
     * characters, unpaired surrogates) written as U+FFFD, so any name leaves a well-formed document.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The legend of a style: bands, fill, kubernetes.default, overlap, pending deletion, and the namespaces. */
    public static List<LegendEntry> legend(MapRenderer.Style s, List<String> namespaces) {
        List<LegendEntry> out = new java.util.ArrayList<>(List.of(
                new LegendEntry(s.reserved(), "network / broadcast"),
                new LegendEntry(s.freeStatic(), "free, static band"),
                new LegendEntry(s.freeDynamic(), "free, dynamic band"),
                new LegendEntry(MapRenderer.heat(s, 1, 16), "partly used block"),
                new LegendEntry(s.heatHigh(), "full block"),
                new LegendEntry(s.kubernetes(), "kubernetes.default"),
                new LegendEntry(s.overlap(), "overlaps another ServiceCIDR"),
                new LegendEntry(s.pending(), "pending deletion (stripes)")));
        for (int i = 0; i < namespaces.size(); i++) {
            out.add(new LegendEntry(MapRenderer.namespaceColor(s, i), "namespace " + namespaces.get(i),
                    namespaces.get(i)));
        }
        return out;
    }
}
