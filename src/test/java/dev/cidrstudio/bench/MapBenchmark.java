package dev.cidrstudio.bench;

import dev.cidrstudio.app.map.MapLayout;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapTheme;
import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.app.map.MapViewport;
import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The address map: one frame of an IPv4 /12 holding 1,000,000 allocated addresses at 1024 x 1024 pixels (one
 * address per pixel), the same zoomed in and panned, an IPv6 /64 with 100,000 addresses, preparing the /12 after a
 * plan change, and the baseline of writing 1024 x 1024 computed pixels. Run with
 * {@code mvn -q test-compile exec:exec -Pbench -Dbench.args=dev.cidrstudio.bench.MapBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MapBenchmark {

    private Cidr slash12;
    private UsedAddressSet used12;
    private MapSpace space12;
    private MapSpace space64;
    private MapViewport full;
    private MapViewport zoomed;
    private MapViewport fit64;

    @Setup
    public void setUp() {
        slash12 = IpParsing.parseCidrSloppy("10.96.0.0/12").orElseThrow().masked();
        used12 = new UsedAddressSet(slash12.family());
        SplittableRandom r = new SplittableRandom(1);
        while (used12.size() < 1_000_000) {
            used12.add(slash12.network().plus(1 + r.nextLong(1L << 20) % ((1L << 20) - 2)));
        }
        space12 = MapSpace.of("big", slash12, used12, slash12.network().plus(1), List.of(), false);
        full = MapViewport.fit(space12.layout(), 1024, 1024);
        zoomed = full.zoomed(3, 300, 700, space12.layout()).panned(-123, 57);

        Cidr slash64 = IpParsing.parseCidrSloppy("fd00:10:96::/64").orElseThrow().masked();
        UsedAddressSet used64 = new UsedAddressSet(slash64.family());
        while (used64.size() < 100_000) {
            used64.add(slash64.network().plus(r.nextLong()));
        }
        space64 = MapSpace.of("v6", slash64, used64, null, List.of(), false);
        fit64 = MapViewport.fit(space64.layout(), 1024, 1024);
    }

    @Benchmark
    public int[] frameSlash12OneAddressPerPixel() {
        return MapRenderer.render(space12, full, MapTheme.light(), null, List.of());
    }

    @Benchmark
    public int[] frameSlash12ZoomedInAndPanned() {
        return MapRenderer.render(space12, zoomed, MapTheme.light(), o -> "default", List.of("default"));
    }

    @Benchmark
    public int[] frameSlash64With100kAddresses() {
        return MapRenderer.render(space64, fit64, MapTheme.light(), null, List.of());
    }

    @Benchmark
    public MapSpace prepareSlash12() {
        return MapSpace.of("big", slash12, used12, null, List.of(), false);
    }

    /** The floor: computing and writing 1024 x 1024 pixels with no map behind them. */
    @Benchmark
    public int[] baselineFill1024() {
        int[] px = new int[1024 * 1024];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | (i * 0x9E3779B1 >>> 8);
        }
        return px;
    }

    public static void main(String[] args) {
        MapLayout.of(IpParsing.parseCidrSloppy("10.0.0.0/8").orElseThrow().masked());
    }
}
