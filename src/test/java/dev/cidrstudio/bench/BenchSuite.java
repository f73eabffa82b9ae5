package dev.cidrstudio.bench;

import dev.cidrstudio.app.AppVersion;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.app.map.MapTheme;
import dev.cidrstudio.app.map.MapViewport;
import dev.cidrstudio.model.allocator.AllocationException;
import dev.cidrstudio.model.allocator.CidrAllocator;
import dev.cidrstudio.model.allocator.RandomSource;
import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.policy.AdmissionPolicies;
import dev.cidrstudio.model.policy.KubeCel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The benchmark table: each measurement of CIDR Studio beside its floor or its rival on this machine, in one run, with
 * the ratio. Medians of repeated runs after warm-up; whole processes for import and start-up. Needs
 * {@code target/cidrstudio.jar} (the command in README packages it first); kubectl and a display are optional (without
 * a display it starts Xvfb when it is installed).
 */
public final class BenchSuite {

    private static final Cidr SLASH_12 = IpParsing.parseCidr("10.96.0.0/12").orElseThrow();

    private BenchSuite() {
    }

    record Row(String what, String ours, String baselineName, String baseline, String ratio) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    /** Median milliseconds of {@code runs} calls after {@code warmups} untimed ones. */
    static double medianMs(int warmups, int runs, Callable<?> work) throws Exception {
        Object sink = null;
        for (int i = 0; i < warmups; i++) {
            sink = work.call();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            sink = work.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException("a benchmark returned nothing");
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static UsedAddressSet fillSlash12() throws AllocationException {
        CidrAllocator a = CidrAllocator.forCidr(SLASH_12);
        UsedAddressSet used = new UsedAddressSet(SLASH_12.family());
        for (long i = 0; i < a.usableSize(); i++) {
            used.add(a.next(used, new RandomSource(1, i)));
        }
        return used;
    }

    static void add(String what, double ours, String baselineName, double baseline, String unit) {
        String ratio = Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.2fx", ours / baseline);
        ROWS.add(new Row(what, format(ours, unit), baselineName, Double.isNaN(baseline) ? "-" : format(baseline, unit),
                ratio));
    }

    static String format(double value, String unit) {
        if (unit.equals("s")) {
            return String.format(Locale.ROOT, "%.2f s", value);
        }
        return value < 10 ? String.format(Locale.ROOT, "%.2f ms", value) : String.format(Locale.ROOT, "%,.0f ms", value);
    }

    public static void main(String[] args) throws Exception {
        System.out.println("CIDR Studio " + AppVersion.version() + " benchmarks, " + LocalDate.now() + ", " + machine());
        System.out.println();

        // 1. The allocator over a whole /12 (1,048,574 usable addresses), against as many BitSet.set calls.
        int usable = (int) CidrAllocator.forCidr(SLASH_12).usableSize();
        double fill = medianMs(1, 5, BenchSuite::fillSlash12);
        double floor = medianMs(3, 9, () -> {
            BitSet bits = new BitSet(usable + 2);
            for (int i = 1; i <= usable; i++) {
                bits.set(i);
            }
            return bits;
        });
        add("fill a /12 through the allocator", fill, String.format(Locale.ROOT, "%,d BitSet.set", usable), floor,
                "ms");

        // 2. The /12 map, full, at 1024 x 1024 (one address per pixel), against filling the image with one colour.
        UsedAddressSet full = fillSlash12();
        Cidr block = IpParsing.parseCidrSloppy("10.96.0.0/12").orElseThrow().masked();
        MapSpace space = MapSpace.of("kubernetes", block, full, block.network().plus(1), List.of(), false);
        MapViewport fit = MapViewport.fit(space.layout(), 1024, 1024);
        MapRenderer.Style theme = MapTheme.light();
        double redraw = medianMs(5, 15, () -> MapRenderer.render(space, fit, theme, null, List.of()));
        double oneColour = medianMs(5, 15, () -> {
            int[] px = new int[1024 * 1024];
            Arrays.fill(px, 0xFF3B82F6);
            return px;
        });
        add("redraw the /12 map, 1024x1024", redraw, "fill 1024x1024 with one colour", oneColour, "ms");

        // 3. The docs page's allowed-ranges policy, 10,000 evaluations (half allowed, half denied).
        KubeCel cel = new KubeCel(false);
        List<Map<String, Object>> objects = new PolicyBenchmark().objects();
        double policy = medianMs(2, 5, () -> {
            int denied = 0;
            for (Map<String, Object> o : objects) {
                var req = new AdmissionPolicies.Request("CREATE", "networking.k8s.io", "v1", "servicecidrs",
                        String.valueOf(((Map<?, ?>) o.get("metadata")).get("name")));
                if (!AdmissionPolicies.admit(List.of(PolicyBenchmark.POLICY), List.of(PolicyBenchmark.BINDING), req,
                        o, null, cel).allowed()) {
                    denied++;
                }
            }
            return denied;
        });
        ROWS.add(new Row("evaluate the seed policy 10,000 times", format(policy, "ms"), "per evaluation",
                String.format(Locale.ROOT, "%.1f us", policy * 1000 / objects.size()), "-"));

        // 4. Import of the 10,000-Service dump, whole process, against kubectl parsing the same file.
        importRow();

        // 5. Cold start to the first frame, against a bare JavaFX window.
        startupRow();

        print();
    }

    static void importRow() throws Exception {
        if (!Files.isRegularFile(Path.of("target", "cidrstudio.jar"))) {
            ROWS.add(new Row("import the 10,000-Service dump", "needs target/cidrstudio.jar", "", "-", "-"));
            return;
        }
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path dump = dir.resolve("svc-10k.yaml");
        Files.writeString(dump, ImportVsKubectl.dump(10_000, false));
        List<String> ours = List.of("bin/cidrstudio", "import", dump.toString());
        String kubectl = kubectl();
        List<String> theirs = kubectl == null ? null
                : List.of(kubectl, "label", "--local", "-f", dump.toString(), "x=y", "-o", "name");
        ImportVsKubectl.seconds(ours);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(ImportVsKubectl.seconds(ours));
            if (theirs != null) {
                b.add(ImportVsKubectl.seconds(theirs));
            }
        }
        a.sort(null);
        b.sort(null);
        add(String.format(Locale.ROOT, "import the 10,000-Service dump (%.1f MB)", Files.size(dump) / 1e6),
                a.get(2), theirs == null ? "kubectl: not installed" : "kubectl label --local",
                theirs == null ? Double.NaN : b.get(2), "s");
    }

    static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "kubectl");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    static void startupRow() throws Exception {
        Process xvfb = null;
        if (System.getenv("DISPLAY") == null) {
            xvfb = startXvfb();
            if (xvfb == null) {
                ROWS.add(new Row("cold start to first frame", "needs a display or Xvfb", "bare JavaFX window", "-",
                        "-"));
                return;
            }
        }
        try {
            Path config = Files.createTempDirectory("cidrstudio-bench-config");
            long bare = StartupBench.median(StartupBench.bareWindow(), 5);
            long app = StartupBench.median(StartupBench.app(config, null), 5);
            add("cold start to first frame (demo plan)", app, "bare JavaFX window", bare, "ms");
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }

    /** An Xvfb of its own on a free display number, or null when Xvfb is not installed. */
    static Process startXvfb() throws IOException, InterruptedException {
        for (int n = 91; n < 99; n++) {
            if (new File("/tmp/.X11-unix/X" + n).exists()) {
                continue;
            }
            Process p;
            try {
                p = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException notInstalled) {
                return null;
            }
            for (int i = 0; i < 50 && !new File("/tmp/.X11-unix/X" + n).exists(); i++) {
                Thread.sleep(100);
            }
            if (p.isAlive()) {
                StartupBench.useDisplay(":" + n);
                return p;
            }
        }
        return null;
    }

    static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            // Not Linux: the OS line says enough.
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
                + ", Java " + System.getProperty("java.version");
    }

    static void print() {
        int w0 = "what".length();
        int w1 = "CIDR Studio".length();
        int w2 = "baseline".length();
        int w3 = 0;
        for (Row r : ROWS) {
            w0 = Math.max(w0, r.what().length());
            w1 = Math.max(w1, r.ours().length());
            w2 = Math.max(w2, r.baselineName().length());
            w3 = Math.max(w3, r.baseline().length());
        }
        String f = "%-" + w0 + "s  %" + w1 + "s  %-" + w2 + "s %" + w3 + "s  %7s%n";
        System.out.printf(f, "what", "CIDR Studio", "baseline", "", "ratio");
        for (Row r : ROWS) {
            System.out.printf(f, r.what(), r.ours(), r.baselineName(), r.baseline(), r.ratio());
        }
    }
}
