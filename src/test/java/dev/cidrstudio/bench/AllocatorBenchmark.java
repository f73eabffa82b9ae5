package dev.cidrstudio.bench;

import dev.cidrstudio.model.allocator.AllocationException;
import dev.cidrstudio.model.allocator.CidrAllocator;
import dev.cidrstudio.model.allocator.RandomSource;
import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocator and apiserver throughput. Run with {@code mvn -q test-compile exec:exec -Pbench} (see README); the
 * numbers go into the issue notes, never into a timed unit test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class AllocatorBenchmark {

    static final Cidr SLASH_12 = IpParsing.parseCidr("10.96.0.0/12").orElseThrow();
    static final Cidr SLASH_64 = IpParsing.parseCidr("fd00:10:96::/64").orElseThrow();

    /** Every address of a /12 (1,048,574) through the dynamic path: random start, scan, band fallback. */
    @Benchmark
    public long fillWholeSlash12() throws AllocationException {
        CidrAllocator a = CidrAllocator.forCidr(SLASH_12);
        UsedAddressSet used = new UsedAddressSet(SLASH_12.family());
        for (long i = 0; i < a.usableSize(); i++) {
            used.add(a.next(used, new RandomSource(1, i)));
        }
        return used.bitmapBytes();
    }

    /** 100,000 addresses from an IPv6 /64 (2^64 - 1 usable). */
    @Benchmark
    public long allocate100kFromSlash64() throws AllocationException {
        CidrAllocator a = CidrAllocator.forCidr(SLASH_64);
        UsedAddressSet used = new UsedAddressSet(SLASH_64.family());
        for (long i = 0; i < 100_000; i++) {
            used.add(a.next(used, new RandomSource(1, i)));
        }
        return used.bitmapBytes();
    }

    /** 10,000 Services created through the apiserver (validation, families, allocation, IPAddress objects). */
    @Benchmark
    public int create10kServices() throws ApiException, ClusterConfigException {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/16"));
        for (int i = 0; i < 10_000; i++) {
            ServiceSpec spec = ServiceSpec.empty().withSelector(Map.of("app", "a" + i))
                    .withPorts(List.of(ServicePort.tcp(80)));
            api.create(new Service(ObjectMeta.named("default", "svc-" + i), spec, List.of()));
        }
        return api.state().count(dev.cidrstudio.model.api.Kind.SERVICE);
    }
}
