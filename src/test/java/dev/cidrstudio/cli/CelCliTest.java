package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cidrstudio cel}: values on one line, Kubernetes' error text, the containsCIDR version switch. */
class CelCliTest {

    @Test
    void printsValuesOnOneLine() {
        assertEquals("ip(\"2001:db8::1\")\n", CliTest.cli("", "cel", "ip('2001:0DB8::0001')").out());
        assertEquals("cidr(\"10.0.0.0/8\")\n", CliTest.cli("", "cel", "cidr('10.0.5.0/8').masked()").out());
        assertEquals("\"10.0.0.0/8\"\n", CliTest.cli("", "cel", "string(cidr('10.0.0.0/8'))").out());
        assertEquals("[6,4]\n", CliTest.cli("", "cel", "[ip('::1').family(), ip('1.2.3.4').family()]").out());
        assertEquals("{\"a\":true}\n", CliTest.cli("", "cel", "{'a': isCIDR('10.0.0.0/8')}").out());
    }

    @Test
    void aRunawayExpressionStopsAtTheCostLimitInASmallHeap() throws Exception {
        String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(launcher, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                "dev.cidrstudio.Launcher", "cel", "lists.range(2000000000).size()").redirectErrorStream(true).start();
        p.getOutputStream().close();
        org.junit.jupiter.api.Assertions.assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
                "still running after a minute");
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("error: operation cancelled: actual cost limit exceeded\n", out);
        assertEquals(1, p.exitValue());
    }

    @Test
    void errorsCarryKubernetesTextAndExit1() {
        CliTest.Run r = CliTest.cli("", "cel", "cidr('10.0.0.0/08')");
        assertEquals(1, r.code());
        assertEquals("error: network address parse error during conversion from string: network address parse error "
                + "during conversion from string: netip.ParsePrefix(\"10.0.0.0/08\"): bad bits after slash: \"08\"\n",
                r.err());
        CliTest.Run c = CliTest.cli("", "cel", "cidr(192168)");
        assertEquals(1, c.code());
        assertEquals("error: ERROR: <input>:1:5: found no matching overload for 'cidr' applied to '(int)'\n"
                + " | cidr(192168)\n | ....^\n", c.err());
    }

    @Test
    void theSeedPolicyExpressionAgainstAnObjectAndTheVersionSwitch(@TempDir Path dir) throws Exception {
        Path obj = dir.resolve("cidr.yaml");
        Files.writeString(obj, "apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata: {name: newcidr1}\n"
                + "spec:\n  cidrs: [10.96.1.0/24]\n");
        String expr = "object.spec.cidrs.all(c, ['10.96.0.0/16','2001:db8::/64'].exists(a, cidr(a).containsCIDR(c)))";
        assertEquals("true\n", CliTest.cli("", "cel", "--object", obj.toString(), expr).out());
        assertEquals("false\n", CliTest.cli("", "cel", "--k8s-version", "1.32.3", "--object", obj.toString(), expr)
                .out());
        assertEquals(2, CliTest.cli("", "cel", "--k8s-version", "banana", "true").code());
    }

    @Test
    void checkReportsWhatThePoliciesInTheFilesDeny() throws Exception {
        String files = dev.cidrstudio.console.PolicyScripts.documents();
        CliTest.Run r = CliTest.cli(files, "check", "-");
        assertEquals(1, r.code());
        assertEquals("STDIN:38: error: servicecidrs.networking.k8s.io \"newcidr2\" is forbidden: ValidatingAdmissionPolicy "
                + "'servicecidrs.default' with binding 'servicecidrs-binding' denied request: failed expression: "
                + "object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, "
                + "cidr(allowedCIDR).containsCIDR(newCIDR)))\n", r.out());
    }
}
