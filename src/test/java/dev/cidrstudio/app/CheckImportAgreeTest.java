package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} and {@code import} share one notion of what is admitted and what is restored as admitted: over
 * dumps and manifests, what {@code check} calls an error is exactly what {@code import} refuses, at the same file
 * and line and in the same words. Two things only {@code check} says: a decoding problem in kube-apiserver's words
 * ({@code import} says it plainly, at the same line), and what the files' own policies would deny of their objects.
 */
class CheckImportAgreeTest {

    record Input(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A dump taken with kubectl: kube-dns moved off .10, which another Service holds; all carry status. */
    private static final String DUMP_WITH_STATUS = """
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Service
              metadata:
                creationTimestamp: "2026-03-01T08:00:00Z"
                name: kube-dns
                namespace: kube-system
                resourceVersion: "300"
                uid: 0c5f8a0e-7d3e-4c8e-9d7e-1f2a3b4c5d6e
              spec:
                clusterIP: 10.96.0.53
                clusterIPs: [10.96.0.53]
                ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}]
                type: ClusterIP
              status:
                loadBalancer: {}
            - apiVersion: v1
              kind: Service
              metadata:
                creationTimestamp: "2026-03-01T08:01:00Z"
                name: metrics
                namespace: default
                resourceVersion: "301"
                uid: 1d6f9b1f-8e4f-4d9f-8e8f-2a3b4c5d6e7f
              spec:
                clusterIP: 10.96.0.10
                clusterIPs: [10.96.0.10]
                ports: [{port: 443, protocol: TCP, targetPort: 8443}]
                type: ClusterIP
              status:
                loadBalancer: {}
            kind: List
            metadata:
              resourceVersion: ""
            """;

    private static final String BROKEN = """
            apiVersion: networking.k8s.io/v1
            kind: ServiceCIDR
            metadata:
              name: bad
            spec:
              cidrs: [10.100.0.0/16, 10.200.0.1/24]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels: {"-bad": x}
            spec:
              clusterIP: 10.96.0.1
              ports:
              - port: 80
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            spec: {podCIDRs: [10.244.1.0/24, 10.244.2.0/24]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{port: 81}]}
            """;

    static Stream<Input> inputs() throws IOException {
        List<Input> in = new ArrayList<>();
        in.add(new Input("a dump with status whose IPs a fresh cluster holds", DUMP_WITH_STATUS));
        in.add(new Input("the small dump", DumpFixtures.smallDump()));
        in.add(new Input("manifests kube-apiserver refuses", BROKEN));
        in.add(new Input("the policy walkthrough", dev.cidrstudio.console.PolicyScripts.documents()));
        in.add(new Input("a port beyond int32", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
                + "spec: {ports: [{port: 4294967296}]}\n"));
        for (String r : List.of("/fidelity/tricky-annotations.yaml", "/fidelity/tricky-annotations.kubectl-1.32.yaml")) {
            try (InputStream s = CheckImportAgreeTest.class.getResourceAsStream(r)) {
                in.add(new Input(r, new String(s.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return in.stream();
    }

    private static boolean isPolicyVerdict(Finding f) {
        return f.message().contains(" is forbidden: ValidatingAdmissionPolicy '");
    }

    private static String where(Finding f) {
        return f.source() + ":" + (f.mark() == null ? 0 : f.mark().line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void checkErrorsAreImportRefusals(Input input) {
        List<ManifestImport.Source> sources = List.of(new ManifestImport.Source("in.yaml", input.text()));
        List<Finding> checkErrors = ManifestCheck.check(sources).stream()
                .filter(f -> f.severity() == Finding.Severity.ERROR && !isPolicyVerdict(f)).toList();
        List<Finding> refusals;
        boolean decodeRefused;
        try {
            ManifestImport.decode(sources);
            decodeRefused = false;
        } catch (ManifestImport.ImportException e) {
            decodeRefused = true;
        }
        try {
            PlanLoader.load(sources);
            refusals = List.of();
        } catch (ManifestImport.ImportException e) {
            refusals = e.findings();
        }
        if (decodeRefused) {
            assertEquals(refusals.stream().map(CheckImportAgreeTest::where).sorted().toList(),
                    checkErrors.stream().map(CheckImportAgreeTest::where).sorted().toList());
        } else {
            assertEquals(refusals.stream().map(Finding::describe).sorted().toList(),
                    checkErrors.stream().map(Finding::describe).sorted().toList());
        }
        for (Finding f : checkErrors) {
            assertTrue(f.source() != null && f.mark() != null && f.mark().line() > 0, f.describe());
        }
    }
}
