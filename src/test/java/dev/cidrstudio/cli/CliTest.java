package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit statuses, messages, and the state file. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CidrStudioCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The version the pom declares, read from the pom itself, so a build that loses it fails here. */
    static String pomVersion() throws java.io.IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<artifactId>cidrstudio</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the pom names the project's version");
        return m.group(1);
    }

    @Test
    void versionIsThePoms() throws Exception {
        Run r = cli("", "--version");
        assertEquals(0, r.code());
        assertEquals("CIDR Studio " + pomVersion() + "\n", r.out());
        assertEquals(pomVersion(), dev.cidrstudio.app.AppVersion.version());
    }

    @Test
    void stateFileCarriesTheClusterAcrossInvocations(@TempDir Path dir) {
        String state = dir.resolve("cluster.state.yaml").toString();
        Run a = cli("", "kubectl", "--state", state, "create", "service", "clusterip", "web", "--tcp", "80");
        assertEquals("service/web created\n", a.out());
        assertEquals(0, a.code());
        Run b = cli("", "kubectl", "--state", state, "get", "svc", "web", "-o", "jsonpath={.metadata.name}");
        assertEquals("web", b.out());
        Run c = cli("", "kubectl", "--state", state, "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}");
        assertEquals(b.code(), c.code());
        Run again = cli("", "kubectl", "--state", state, "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}");
        assertEquals(c.out(), again.out(), "the cluster does not change between reads");
        assertTrue(Files.exists(Path.of(state)));
    }

    @Test
    void everyCommandsHelpKeepsItsDescriptionLinesWhole() {
        Class<?>[] subcommands = CidrStudioCli.class.getAnnotation(picocli.CommandLine.Command.class).subcommands();
        assertTrue(subcommands.length > 5);
        for (Class<?> sub : subcommands) {
            picocli.CommandLine.Command command = sub.getAnnotation(picocli.CommandLine.Command.class);
            Run help = cli("", command.name(), "--help");
            assertEquals(0, help.code(), command.name());
            for (String line : command.description()) {
                // picocli formats descriptions as format strings: a lone % makes it print them raw, with a warning.
                assertFalse(line.replaceAll("%%|%n", "").contains("%"), command.name() + ": a lone % in " + line);
                String shown = line.replace("%%", "%");
                assertTrue(help.out().contains(shown), command.name() + " --help breaks the line: " + shown);
            }
        }
    }

    @Test
    void scriptFromStandardInput() {
        Run r = cli("kubectl get svc kubernetes -o name\n# a comment\nkubectl get svc nope\n", "kubectl");
        assertEquals("service/kubernetes\n", r.out());
        assertEquals("Error from server (NotFound): services \"nope\" not found\n", r.err());
        assertEquals(1, r.code());
    }

    @Test
    void badClusterFileNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("bad.cidrplan.yaml");
        Files.writeString(plan, """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: x}
                spec:
                  kubernetesVersion: "1.33"
                  serviceClusterIPRange: 10.0.0.0/8
                  colour: blue
                """);
        Run r = cli("", "kubectl", "--cluster", plan.toString(), "get", "svc");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(plan + ":6: error: spec.serviceClusterIPRange: kube-apiserver would not start: "
                + "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12"),
                r.err());
        assertTrue(r.err().contains(plan + ":7: error: spec.colour: unknown field"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void malformedYamlIsOneLineWithPosition(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("broken.yaml");
        Files.writeString(plan, "apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\nspec: [unclosed\n");
        Run r = cli("", "kubectl", "--cluster", plan.toString(), "get", "svc");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(plan + ":"), r.err());
        assertTrue(r.err().contains("malformed YAML"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }

    @Test
    void unusableArgumentsExitWithTwo() {
        Run r = cli("", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("cidrstudio: Unknown option: '--no-such-option'"), r.err());
        assertEquals(2, cli("", "frobnicate").code());
    }
}
