package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import, export and plan files, tried as a user would. */
class ImportExportTest {

    private static PlanLoader.Result load(String name, String text) throws Exception {
        return PlanLoader.load(name, text);
    }

    @Test
    void aRealLookingDumpImportsWithCorrectUtilization() throws Exception {
        PlanLoader.Result r = load("dump.yaml", DumpFixtures.smallDump());
        assertEquals(java.util.Map.of("IPAddress", 12, "Service", 12, "ServiceCIDR", 1), r.report().countsByKind());
        CapacityReport.Row row = CapacityReport.of(r.api().state()).get(0);
        assertEquals("10.96.0.0/24", row.cidr());
        assertEquals(254, row.usable().intValue());
        assertEquals(11, row.allocated(), "kubernetes + ten Services; the leaked address is cleaned up");
        assertEquals(243, row.free().intValue());
        assertEquals(1, row.staticUsed());
        assertEquals(10, row.dynamicUsed());
        List<String> findings = r.report().findings().stream().map(Finding::describe).toList();
        assertTrue(findings.contains("info: serviceClusterIPRange 10.96.0.0/24 taken from the imported \"kubernetes\" "
                + "ServiceCIDR"), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.matches("dump\\.yaml:\\d+: warning: ClusterIPOutOfRange: Cluster "
                + "IP \\[IPv4\\]: 10\\.200\\.0\\.5 is not within any configured Service CIDR; please recreate service")),
                findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.matches("dump\\.yaml:\\d+: warning: IPAddressNotAllocated: "
                + "IPAddress: 10\\.96\\.0\\.77 for Service shop/gone appears to have leaked: cleaning up")),
                findings.toString());
        var svc = r.api().<dev.cidrstudio.model.api.Service>get(Kind.SERVICE, "shop", "svc-3");
        assertEquals("10.96.0.103", svc.spec().clusterIP(), "allocations are kept");
        assertEquals("0b7a6c1e-0000-4000-8000-000000000003", svc.meta().uid());
    }

    @Test
    void aBrokenFileLeavesTheOpenPlanUntouched() throws Exception {
        PlanLoader.Result r = load("demo", DemoPlan.text());
        String before = ManifestExport.export(r.api(), ManifestExport.Options.PLAN);
        String broken = """
                apiVersion: v1
                kind: Service
                metadata: {name: ok, namespace: shop}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: bad}
                spec:
                  cidrs: [10.0.0.0/8, 10.1.0.0/16]
                """;
        var docs = ManifestImport.decode(List.of(new ManifestImport.Source("broken.yaml", broken)));
        ManifestImport.ImportException e = assertThrows(ManifestImport.ImportException.class,
                () -> ManifestImport.apply(r.api(), docs));
        assertEquals("broken.yaml:10: error: ServiceCIDR.networking.k8s.io \"bad\" is invalid: spec.cidrs: Invalid "
                + "value: [\"10.0.0.0/8\",\"10.1.0.0/16\"]: may specify no more than one IP for each IP "
                + "family, i.e 192.168.0.0/24 and 2001:db8::/64", e.findings().get(0).describe());
        assertEquals(before, ManifestExport.export(r.api(), ManifestExport.Options.PLAN));
        assertTrue(r.api().find(Kind.SERVICE, "shop", "ok").isEmpty());
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() {
        ManifestImport.ImportException e = assertThrows(ManifestImport.ImportException.class,
                () -> ManifestImport.decode(List.of(new ManifestImport.Source("x.yaml",
                        "apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n"))));
        assertTrue(e.findings().get(0).describe().startsWith("x.yaml:5: error: malformed YAML"),
                e.findings().get(0).describe());
        ManifestImport.ImportException typed = assertThrows(ManifestImport.ImportException.class,
                () -> ManifestImport.decode(List.of(new ManifestImport.Source("t.yaml",
                        "apiVersion: v1\nkind: Service\nmetadata: {name: t}\nspec:\n  ports:\n  - port: eighty\n"))));
        assertEquals("t.yaml:6: error: spec.ports[0].port: expected an integer, got string (eighty) (column 11)",
                typed.findings().get(0).describe());
    }

    @Test
    void exportImportExportGivesTheSameBytes() throws Exception {
        PlanLoader.Result r = load("demo", DemoPlan.text());
        for (ManifestExport.Options o : List.of(new ManifestExport.Options(false, true), ManifestExport.Options.PLAN)) {
            String first = ManifestExport.export(r.api(), o);
            String second = ManifestExport.export(load("export.yaml", first).api(), o);
            assertEquals(first, second, "round trip with " + o);
        }
    }

    @Test
    void exportedManifestsMatchTheKubernetesSchema() throws Exception {
        PlanLoader.Result r = load("dump.yaml", DumpFixtures.smallDump());
        for (ManifestExport.Options o : List.of(ManifestExport.Options.APPLY, ManifestExport.Options.PLAN)) {
            String yaml = ManifestExport.export(r.api(), o);
            int checked = 0;
            for (String doc : yaml.split("(?m)^---\n")) {
                if (doc.contains("kind: Cluster\n") || doc.contains("kind: Event\n")) {
                    continue;
                }
                assertEquals(List.of(), SchemaCheck.check(doc), doc);
                checked++;
            }
            assertTrue(checked > 5);
        }
    }

    @Test
    void kubectlReadsTheExport(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/kubectl").canExecute(), "kubectl is not installed here");
        Path file = dir.resolve("export.yaml");
        Files.writeString(file, ManifestExport.export(load("demo", DemoPlan.text()).api(),
                ManifestExport.Options.APPLY));
        Process p = new ProcessBuilder("kubectl", "label", "--local", "-f", file.toString(), "x=y", "-o", "name")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("servicecidr.networking.k8s.io/extra-v4\n"), out);
        assertTrue(out.contains("service/frontend\n"), out);
    }

    @Test
    void keptKindsAreReadKeptAndWritten() throws Exception {
        String text = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: default}
                spec:
                  containers: [{name: c, image: busybox}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, namespace: default}
                spec: {replicas: 2}
                """;
        PlanLoader.Result r = load("mixed.yaml", text);
        assertEquals(java.util.Map.of("Deployment", 1, "Pod", 1), r.report().countsByKind());
        assertTrue(r.report().findings().stream().anyMatch(f -> f.describe().equals(
                "mixed.yaml:7: info: Deployment default/d: kept, not modelled")));
        String out = ManifestExport.export(r.api(), ManifestExport.Options.APPLY);
        assertTrue(out.contains("kind: Deployment\nmetadata:\n  name: d\n  namespace: default\nspec:\n  replicas: 2\n"),
                out);
        assertTrue(out.contains("kind: Pod\n"), out);
    }
}
