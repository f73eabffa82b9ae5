package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cidrstudio import|export|check} as a user meets them. */
class ImportExportCheckCliTest {

    private static final String BROKEN = """
            apiVersion: networking.k8s.io/v1
            kind: ServiceCIDR
            metadata:
              name: bad
            spec:
              cidrs:
              - 10.100.0.0/16
              - 10.200.0.1/24
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              clusterIP: 10.96.0.1
              ports:
              - port: 80
            """;

    @Test
    void checkPrintsOneFindingALineAtTheFieldsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, BROKEN);
        CliTest.Run r = CliTest.cli("", "check", f.toString());
        assertEquals(1, r.code());
        assertEquals(f + ":6: error: ServiceCIDR.networking.k8s.io \"bad\" is invalid: spec.cidrs: Invalid value: "
                + "[\"10.100.0.0/16\",\"10.200.0.1/24\"]: may specify no more than one IP for each IP family, "
                + "i.e 192.168.0.0/24 and 2001:db8::/64\n"
                + f + ":8: error: ServiceCIDR.networking.k8s.io \"bad\" is invalid: spec.cidrs[1]: Invalid value: "
                + "\"10.200.0.1/24\": must not have bits set beyond the prefix length\n"
                + f + ":15: error: Service \"web\" is invalid: spec.clusterIPs: Invalid value: [\"10.96.0.1\"]: "
                + "failed to allocate IP 10.96.0.1: provided IP is already allocated\n", r.out());
    }

    @Test
    void aTrailingCommaInJsonIsASyntaxErrorAtItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cidr.json");
        Files.writeString(f, "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"ServiceCIDR\",\"metadata\":{\"name\":\"x\"},\n"
                + " \"spec\":{\"cidrs\":[\"10.96.0.0/24\",]}}\n");
        CliTest.Run check = CliTest.cli("", "check", f.toString());
        assertEquals(1, check.code());
        // kubectl: error parsing cidr.json: json: offset 117: invalid character ']' looking for beginning of value
        assertEquals(f + ":2: error: json: offset 117: invalid character ']' looking for beginning of value "
                + "(column 34)\n", check.out() + check.err());
        CliTest.Run imp = CliTest.cli("", "import", f.toString());
        assertEquals(1, imp.code());
        assertTrue(imp.err().startsWith(f + ":2: error: malformed JSON: invalid character ']'"), imp.err());
        assertTrue(imp.err().contains("(column 34)"), imp.err());
    }

    @Test
    void checkExitStatuses(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n");
        assertEquals(0, CliTest.cli("", "check", ok.toString()).code());
        CliTest.Run missing = CliTest.cli("", "check", dir.resolve("missing.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().endsWith("missing.yaml: error: no such file\n"), missing.err());
        assertEquals(0, CliTest.cli("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n", "check", "-").code());
    }

    @Test
    void importPrintsUtilizationAndFindings(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("dump.yaml");
        Files.writeString(dump, dev.cidrstudio.app.DumpFixturesAccess.smallDump());
        CliTest.Run r = CliTest.cli("", "import", dump.toString(), "-o", dir.resolve("out.cidrplan.yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Imported 25 objects from " + dump + "\n\nKIND          OBJECTS\n"), r.out());
        assertTrue(r.out().contains("SERVICECIDR   CIDR           STATUS   USABLE   ALLOCATED   FREE   STATIC USED   "
                + "STATIC FREE   DYNAMIC USED   DYNAMIC FREE\nkubernetes    10.96.0.0/24   Ready    254      11          "
                + "243    1             15            10             228\n"), r.out());
        assertTrue(r.out().contains("warning: ClusterIPOutOfRange: Cluster IP [IPv4]: 10.200.0.5"), r.out());
        assertTrue(Files.readString(dir.resolve("out.cidrplan.yaml")).startsWith(
                "apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\n"));
    }

    @Test
    void exportWritesApplyableYaml(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("p.cidrplan.yaml");
        Files.writeString(plan, """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                spec: {serviceClusterIPRange: 10.50.0.0/16}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: api, namespace: default}
                spec: {ports: [{port: 443}], selector: {app: api}}
                """);
        Path out = dir.resolve("out.yaml");
        CliTest.Run r = CliTest.cli("", "export", plan.toString(), "-o", out.toString(), "--include-cluster");
        assertEquals(0, r.code(), r.err());
        String yaml = Files.readString(out);
        assertTrue(yaml.startsWith("apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\n"), yaml);
        assertTrue(yaml.contains("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: default\n"
                + "spec:\n  clusterIP: 10.50."), yaml);
        assertTrue(!yaml.contains("uid:") && !yaml.contains("resourceVersion") && !yaml.contains("status:"), yaml);
    }
}
