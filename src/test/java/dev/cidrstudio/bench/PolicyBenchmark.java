package dev.cidrstudio.bench;

import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.policy.AdmissionPolicies;
import dev.cidrstudio.model.policy.KubeCel;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The "Extend Service IP Ranges" page's allowed-ranges policy against 10,000 ServiceCIDRs (programs compiled once
 * per expression), and one verdict as the ServiceCIDR editor asks for it on a keystroke. Run with
 * {@code mvn -q test-compile exec:exec -Pbench -Dbench.args=dev.cidrstudio.bench.PolicyBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {

    static final Map<String, Object> POLICY = Map.of("metadata", Map.of("name", "servicecidrs.default"), "spec",
            Map.of("failurePolicy", "Fail",
                    "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups",
                            List.of("networking.k8s.io"), "apiVersions", List.of("v1"), "operations",
                            List.of("CREATE", "UPDATE"), "resources", List.of("servicecidrs")))),
                    "matchConditions", List.of(Map.of("name", "exclude-default-servicecidr", "expression",
                            "object.metadata.name != 'kubernetes'")),
                    "variables", List.of(Map.of("name", "allowed", "expression",
                            "['10.96.0.0/16','2001:db8::/64']")),
                    "validations", List.of(Map.of("expression", "object.spec.cidrs.all(newCIDR, variables.allowed"
                            + ".exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))"))));
    static final Map<String, Object> BINDING = Map.of("metadata", Map.of("name", "servicecidrs-binding"), "spec",
            Map.of("policyName", "servicecidrs.default", "validationActions", List.of("Deny", "Audit")));

    private final KubeCel cel = new KubeCel(false);
    private List<Map<String, Object>> objects;

    @Setup
    public void setUp() {
        objects = objects();
    }

    /** 10,000 dual-stack ServiceCIDRs as admission sees them: half inside the allowed IPv4 range, half outside. */
    List<Map<String, Object>> objects() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // Half inside 10.96.0.0/16, half outside, each dual-stack.
            String v4 = i % 2 == 0 ? "10.96." + (i / 2 % 256) + ".0/28" : "172.16." + (i % 256) + ".0/28";
            KubeObject sc = new ServiceCidr(ObjectMeta.named("sc-" + i), List.of(v4,
                    "2001:db8::" + Integer.toHexString(i) + ":0/112"), List.of());
            objects.add(ManifestEncoder.encode(sc));
        }
        return objects;
    }

    /** Every ServiceCIDR admitted or denied by the policy: the whole plan's verdicts. */
    @Benchmark
    public int allowedRangesOver10kServiceCidrs() {
        int denied = 0;
        for (Map<String, Object> o : objects) {
            var req = new AdmissionPolicies.Request("CREATE", "networking.k8s.io", "v1", "servicecidrs",
                    String.valueOf(((Map<?, ?>) o.get("metadata")).get("name")));
            if (!AdmissionPolicies.admit(List.of(POLICY), List.of(BINDING), req, o, null, cel).allowed()) {
                denied++;
            }
        }
        return denied;
    }

    /** One verdict: what the editor computes per keystroke. */
    @Benchmark
    public boolean oneVerdict() {
        var o = objects.get(1);
        var req = new AdmissionPolicies.Request("CREATE", "networking.k8s.io", "v1", "servicecidrs", "sc-1");
        return AdmissionPolicies.admit(List.of(POLICY), List.of(BINDING), req, o, null, cel).allowed();
    }
}
