package dev.cidrstudio.cli;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapExport;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapTheme;
import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.app.map.MapViewport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cidrstudio map PLAN --svg FILE | --png FILE}: the window's address map of every ServiceCIDR prefix,
 * without a window, for reports and CI: one panel per prefix, fitted, with a legend (SVG) and a summary line per
 * prefix on standard output.
 */
@Command(name = "map", header = "Draw the address map of a plan's ServiceCIDRs to SVG or PNG.", mixinStandardHelpOptions = true, description = {
    "Draw the address map of a plan's ServiceCIDR prefixes (Hilbert layout, fill per block, bands,",
    "kubernetes.default, overlaps, pending deletion) to an SVG with titles and legend, or a PNG of the panels",
    "side by side. Prints one utilisation line per prefix."})
public final class MapCommand extends StreamCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Plan or manifests; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--svg", paramLabel = "FILE", description = "Write an SVG.")
    Path svg;

    @Option(names = "--png", paramLabel = "FILE", description = "Write a PNG.")
    Path png;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "256", description = "Panel size in pixels "
            + "(default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--dark", description = "Use the dark palette.")
    boolean dark;

    public MapCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    @Override
    public Integer call() {
        if (size < 16 || size > 4096) {
            err.println("error: --size must be between 16 and 4096");
            return 2;
        }
        List<ManifestImport.Source> sources = readOrReport(files);
        if (sources == null) {
            return 2;
        }
        PlanLoader.Result plan;
        try {
            plan = PlanLoader.load(sources);
        } catch (ManifestImport.ImportException e) {
            e.findings().forEach((Finding f) -> err.println(f.describe()));
            return 1;
        }
        AddressMap map = AddressMap.of(plan.api().snapshot());
        MapRenderer.Style style = dark ? MapTheme.dark() : MapTheme.light();
        List<MapExport.Panel> panels = new ArrayList<>();
        for (MapSpace space : map.spaces()) {
            MapViewport vp = MapViewport.fit(space.layout(), size, size);
            int[] px = MapRenderer.render(space, vp, style, o -> map.namespaceOf(space.address(o)),
                    map.namespaces());
            String title = space.serviceCidr() + " " + space.layout().cidr() + " - " + AddressMap.summary(space);
            panels.add(new MapExport.Panel(title, px, size, size));
            out.println(title);
        }
        try {
            if (svg != null) {
                MapExport.svg(svg, panels, MapExport.legend(style, map.namespaces()), style.outside());
            }
            if (png != null) {
                int gap = 8;
                int width = Math.max(1, panels.size() * (size + gap) - gap);
                int[] argb = new int[width * size];
                java.util.Arrays.fill(argb, style.outside());
                for (int i = 0; i < panels.size(); i++) {
                    for (int y = 0; y < size; y++) {
                        System.arraycopy(panels.get(i).pixels(), y * size, argb, y * width + i * (size + gap), size);
                    }
                }
                MapExport.png(png, argb, width, size);
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
