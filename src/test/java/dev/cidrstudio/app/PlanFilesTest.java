package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cidrstudio.io.plan.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving never rewrites a file that is not a plan, and files keep their permissions. */
class PlanFilesTest {

    @TempDir
    Path dir;

    private static final String DUMP = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata:
                name: web
                namespace: default
              spec:
                clusterIP: 10.96.0.40
                clusterIPs:
                - 10.96.0.40
                ports:
                - port: 80
            """;

    @BeforeEach
    void posixOnly() {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void anOpenedDumpBecomesAnUntitledPlanAndSaveLeavesTheDumpAlone() throws Exception {
        Path dump = dir.resolve("svc-dump.yaml");
        Files.writeString(dump, DUMP);
        PlanSession s = new PlanSession(dir.resolve("config"), PlanLoader.empty(), "x");
        var r = s.open(dump);
        assertFalse(r.plan());
        assertTrue(s.file().isEmpty(), "Save must ask where");
        assertEquals("svc-dump.cidrplan.yaml", s.name());
        assertTrue(s.view().state().get(dev.cidrstudio.model.api.Kind.SERVICE, "default", "web").isPresent());
        Path plan = dir.resolve("svc-dump.cidrplan.yaml");
        s.saveAs(plan);
        assertEquals(DUMP, Files.readString(dump));
        assertTrue(Files.readString(plan).contains("kind: Cluster"));
    }

    @Test
    void aPlanFileOpensAsItselfAndSavesInPlace() throws Exception {
        Path plan = dir.resolve("lab.cidrplan.yaml");
        PlanSession first = PlanSession.demo(dir.resolve("config"));
        first.saveAs(plan);
        first.close();
        PlanSession s = new PlanSession(dir.resolve("config"), PlanLoader.empty(), "x");
        assertTrue(s.open(plan).plan());
        assertEquals(plan, s.file().orElseThrow());
        assertEquals("lab.cidrplan.yaml", s.name());
    }

    @Test
    void savingOverAFileKeepsItsPermissions() throws Exception {
        Path plan = dir.resolve("shared.cidrplan.yaml");
        PlanSession s = PlanSession.demo(dir.resolve("config"));
        s.saveAs(plan);
        assertEquals("rw-r--r--", mode(plan), "a new file is readable by others, as editors make it");
        Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("rw-rw-r--"));
        s.saveAs(plan);
        assertEquals("rw-rw-r--", mode(plan));
        Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("rw-------"));
        StateFile.writeAtomically(plan, "x: 1\n");
        assertEquals("rw-------", mode(plan));
    }

    @Test
    void theRecoveryCopyAndRecentFilesAreTheUsersAlone() throws Exception {
        Path config = dir.resolve("config");
        PlanSession s = PlanSession.demo(config);
        s.edit("Create Namespace team", api -> api.create(new dev.cidrstudio.model.api.Namespace(
                dev.cidrstudio.model.api.ObjectMeta.named("team"), "Active")));
        assertTrue(s.autosave());
        assertEquals("rw-------", mode(s.recoveryFile().orElseThrow()));
        s.saveAs(dir.resolve("p.cidrplan.yaml"));
        assertEquals("rw-------", mode(config.resolve(PlanSession.RECENT)));
    }

    @Test
    void newAndOpenedDumpsAreNamedForWhatTheyAreNotTheDemo() throws Exception {
        PlanSession s = PlanSession.demo(dir.resolve("config"));
        assertEquals("demo", s.view().settings().name());
        s.newPlan();
        assertEquals("untitled", s.view().settings().name());
        Path dump = dir.resolve("shop-dump.yaml");
        Files.writeString(dump, DUMP);
        s.open(dump);
        assertEquals("shop-dump", s.view().settings().name());
        // A plan file keeps the name its Cluster document gives.
        Path plan = dir.resolve("renamed.cidrplan.yaml");
        PlanSession other = PlanSession.demo(dir.resolve("config2"));
        other.saveAs(plan);
        other.close();
        s.open(plan);
        assertEquals("demo", s.view().settings().name());
    }

    @Test
    void untitledNamesDropTheManifestExtension() {
        assertEquals("dump.cidrplan.yaml", PlanSession.untitledName("dump.yaml"));
        assertEquals("dump.cidrplan.yaml", PlanSession.untitledName("dump.json"));
        assertEquals("notes.cidrplan.yaml", PlanSession.untitledName("notes"));
        assertEquals(".yaml.cidrplan.yaml", PlanSession.untitledName(".yaml"));
    }

    private static final String DUMP_20 = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: networking.k8s.io/v1
              kind: ServiceCIDR
              metadata:
                name: kubernetes
              spec:
                cidrs:
                - 10.40.0.0/20
            - apiVersion: v1
              kind: Service
              metadata:
                name: web
                namespace: default
              spec:
                clusterIP: 10.40.3.7
                clusterIPs:
                - 10.40.3.7
                ports:
                - port: 80
            """;

    @Test
    void importIntoANewPlanTakesTheClustersRangeFromTheKubernetesServiceCidr() throws Exception {
        PlanSession s = new PlanSession(dir.resolve("config"), PlanLoader.empty(), "x");
        s.newPlan();
        var report = s.importFiles(java.util.List.of(new ManifestImport.Source("dump.yaml", DUMP_20)));
        assertEquals("10.40.0.0/20", s.view().settings().serviceClusterIPRange());
        assertTrue(report.findings().get(0).message().contains("--service-cluster-ip-range=10.40.0.0/20"),
                report.findings().toString());
        assertTrue(s.view().state().get(dev.cidrstudio.model.api.Kind.SERVICE, "default", "web").isPresent());
        s.undo();
        assertEquals("10.96.0.0/12", s.view().settings().serviceClusterIPRange());
    }

    @Test
    void importIntoAnEditedPlanKeepsItsRange() throws Exception {
        PlanSession s = new PlanSession(dir.resolve("config"), PlanLoader.empty(), "x");
        s.newPlan();
        s.edit("Create Namespace team", api -> api.create(new dev.cidrstudio.model.api.Namespace(
                dev.cidrstudio.model.api.ObjectMeta.named("team"), "Active")));
        try {
            s.importFiles(java.util.List.of(new ManifestImport.Source("dump.yaml", DUMP_20)));
        } catch (ManifestImport.ImportException e) {
            // the Service lies outside the plan's range: refused, and the plan is as it was
        }
        assertEquals("10.96.0.0/12", s.view().settings().serviceClusterIPRange());
    }

    @Test
    void aServiceOnARangesFirstAddressIsNotInferredAsItsNetworkAddress() {
        var c = ClusterInference.allocatable(dev.cidrstudio.model.net.IpParsing.parseCidr("192.168.5.40/29")
                .orElseThrow(), ip("192.168.5.40"), ip("192.168.5.47"));
        assertEquals("192.168.5.32/27", c.toString());
        var usual = ClusterInference.allocatable(dev.cidrstudio.model.net.IpParsing.parseCidr("10.96.0.40/29")
                .orElseThrow(), ip("10.96.0.40"), ip("10.96.0.41"));
        assertEquals("10.96.0.0/12", usual.toString());
    }

    private static dev.cidrstudio.model.net.IpAddress ip(String s) {
        return dev.cidrstudio.model.net.IpParsing.parseIpStrict(s).orElseThrow();
    }
}
