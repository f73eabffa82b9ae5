package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.DemoPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus in one place: inputs of every kind the command line takes (plans, dumps, manifests, console
 * scripts, CEL, plan names) built to crash it, hang it, exhaust its memory, write where nobody asked or get past
 * kubectl's decoder. Each runs in the suite's 1 GiB heap and must end within 20 s with a clean message (no internal
 * error, no stack trace) and the expected exit status, leaving every file that was there before of the same kind, the
 * same file (inode) and, unless the case writes it on purpose, the same content.
 */
class HostileCorpusTest {

    private static final Duration BUDGET = Duration.ofSeconds(20);

    @FunctionalInterface
    interface Setup {
        void in(Path dir) throws IOException, InterruptedException;
    }

    /**
     * One hostile input: what to lay out in a fresh folder, the command ({@code DIR} stands for the folder), its
     * standard input, the exit statuses it may end with, a text it must print (on either stream), and the files it
     * may change in place (through a link, say).
     */
    record Case(String name, Setup setup, List<String> args, String stdin, Set<Integer> exits, String says,
            Set<String> mayChange) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(String name, Setup setup, String command, Set<Integer> exits, String says,
            String... mayChange) {
        return new Case(name, setup, List.of(command.split(" ")), "", exits, says, Set.of(mayChange));
    }

    private static Case script(String name, Setup setup, String script, Set<Integer> exits, String says,
            String... mayChange) {
        return new Case(name, setup, List.of("kubectl", "--cluster", "DIR/plan.yaml", "--state", "DIR/state.yaml"),
                script, exits, says, Set.of(mayChange));
    }

    private static Setup file(String name, String text) {
        return dir -> Files.writeString(dir.resolve(name), text);
    }

    private static Setup none() {
        return dir -> { };
    }

    private static final Set<Integer> REFUSED = Set.of(1);
    private static final Set<Integer> UNREADABLE = Set.of(2);
    private static final Set<Integer> OK = Set.of(0);
    /** A script the console stopped: the shell's status for a failed script. */
    private static final Set<Integer> SCRIPT_FAILED = Set.of(2);
    private static final String SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n"
            + "  ports:\n  - port: 80\n";

    static Stream<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // Inputs that never end or are not files.
        c.add(of("check /dev/zero", none(), "check /dev/zero", UNREADABLE, "not a regular file (a character device)"));
        c.add(of("import /dev/urandom", none(), "import /dev/urandom", UNREADABLE, "not a regular file"));
        c.add(of("check a FIFO", dir -> mkfifo(dir.resolve("fifo")), "check DIR/fifo", UNREADABLE,
                "not a regular file (a FIFO)"));
        c.add(of("check a directory", none(), "check DIR", UNREADABLE, "not a regular file"));
        // Memory: one huge scalar, an alias bomb of scalars, deep nesting.
        c.add(of("a 50 MB string", dir -> Files.writeString(dir.resolve("big.yaml"), SERVICE.replace("name: web",
                "name: \"" + "a".repeat(50_000_000) + "\"")), "import DIR/big.yaml", REFUSED, "big.yaml:4"));
        c.add(of("an alias bomb of scalars", file("bomb.yaml", aliasBomb()), "import DIR/bomb.yaml -o DIR/out.yaml",
                REFUSED, "bomb.yaml:"));
        c.add(of("nesting 10,000 deep", file("deep.yaml", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"),
                "check DIR/deep.yaml", REFUSED, "deep.yaml:1"));
        c.add(of("binary data", dir -> Files.write(dir.resolve("bin.yaml"), new byte[] {0, 1, 2, (byte) 0xff, 0}),
                "check DIR/bin.yaml", Set.of(1, 2), "bin.yaml"));
        // Crashes that became messages.
        c.add(of("a Namespace without a name", file("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {}\n"),
                "check DIR/ns.yaml", REFUSED, "metadata.name: Required value"));
        c.add(of("targetPort beyond int64", file("svc.yaml", SERVICE + "    targetPort: 9223372036854775808\n"),
                "import DIR/svc.yaml", REFUSED, "svc.yaml:8"));
        c.add(of("UTF-16 with a byte order mark", dir -> Files.write(dir.resolve("u16.yaml"),
                ("\ufeff" + SERVICE).getBytes(StandardCharsets.UTF_16LE)), "check DIR/u16.yaml", OK, ""));
        // What kubectl's decoder refuses.
        c.add(of("a tag that contradicts the field", file("tag.yaml", SERVICE + "  type: !!int ClusterIP\n"),
                "import DIR/tag.yaml", REFUSED, "tag.yaml:8"));
        c.add(of("kind: no", file("kind.yaml", SERVICE.replace("kind: Service", "kind: no")),
                "import DIR/kind.yaml", REFUSED, "kind.yaml:2"));
        c.add(of("invalid !!binary", file("b64.yaml", SERVICE + "  clusterIP: !!binary \"%%%\"\n"),
                "import DIR/b64.yaml", REFUSED, "b64.yaml:8"));
        c.add(of("a bad \\u escape", file("esc.json", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\",\n"
                + "\"metadata\": {\"name\": \"a\\uZZZZ\"}}\n"), "import DIR/esc.json", REFUSED, "esc.json:2"));
        c.add(of("NaN for a port", file("nan.yaml", SERVICE.replace("port: 80", "port: .nan")),
                "import DIR/nan.yaml", REFUSED, "nan.yaml:7"));
        c.add(of("an unpaired surrogate", file("sur.json", "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\",\n"
                + "\"metadata\": {\"name\": \"a\", \"labels\": {\"a\": \"\\ud800\"}}}\n"),
                "import DIR/sur.json -o DIR/out.yaml", REFUSED, "sur.json:2"));
        // Files written only where asked, as a shell would.
        c.add(of("a plan name that is a shell line", dir -> Files.copy(demo(), dir.resolve("x\ntouch\tpwned\n.yaml")),
                "wizard --scenario extend -o DIR/rb DIR/x\ntouch\tpwned\n.yaml", OK, "runbook"));
        c.add(of("import over a read-only plan", dir -> {
            Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
            Files.copy(demo(), dir.resolve("ro.yaml"));
            Files.setPosixFilePermissions(dir.resolve("ro.yaml"), PosixFilePermissions.fromString("r--r--r--"));
        }, "import DIR/ns.yaml -o DIR/ro.yaml", REFUSED, "read-only"));
        c.add(script("> /dev/null stays a device", none(), "echo hi > /dev/null\n", OK, ""));
        c.add(script("> a link writes through it", dir -> {
            Files.writeString(dir.resolve("target.txt"), "before\n");
            Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target.txt"));
        }, "echo after > DIR/link\n", OK, "", "target.txt"));
        c.add(script("> a FIFO without a reader gives up", dir -> mkfifo(dir.resolve("pipe")),
                "echo hi > DIR/pipe\n", REFUSED, "pipe"));
        // Scripts: a failing command keeps the earlier work; loops, output and values are bounded.
        c.add(script("an internal error mid-script", none(),
                "kubectl create namespace kept\necho x | head -n abc\n", REFUSED, "head: invalid number of lines"));
        c.add(script("seq at the long limit", none(), "seq 9223372036854775806 9223372036854775807 | wc -l\n", OK,
                "2"));
        c.add(script("a flood of output", none(), "seq 1 100000000\n", REFUSED, "range too long"));
        c.add(script("doubling a variable", none(), "x=aaaaaaaa\nwhile true; do x=$x$x; done\n", SCRIPT_FAILED,
                "more than the practice console keeps"));
        c.add(script("an endless loop", none(), "while true; do :; done\n", SCRIPT_FAILED, "stopped after"));
        c.add(script("a catastrophic regular expression", none(),
                "echo " + "a".repeat(5000) + "! | grep -E '(a+)+$'\n", REFUSED, ""));
        // CEL: the runtime cost limit fires before memory runs out.
        c.add(of("CEL lists.range(2e9)", none(), "cel lists.range(2000000000).size()", REFUSED,
                "operation cancelled: actual cost limit exceeded"));
        c.add(of("CEL string doubling", none(), "cel " + "'a'+".repeat(1) + "strings.quote('x').repeat(1000000000)",
                REFUSED, "error:"));
        c.add(new Case("a 1.35 plan whose policy costs too much", dir -> Files.writeString(dir.resolve("plan.yaml"),
                Files.readString(dir.resolve("plan.yaml")).replace("kubernetesVersion: \"1.34\"",
                        "kubernetesVersion: \"1.35\"") + COSTLY_POLICY),
                List.of("kubectl", "--cluster", "DIR/plan.yaml", "create", "namespace", "n"), "", REFUSED,
                "operation cancelled: actual cost limit exceeded", Set.of()));
        return c.stream();
    }

    /** A policy on every Namespace created whose expression builds a list of two billion numbers. */
    private static final String COSTLY_POLICY = """
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: costly}
            spec:
              failurePolicy: Fail
              matchConstraints:
                resourceRules:
                - apiGroups: [""]
                  apiVersions: [v1]
                  operations: [CREATE]
                  resources: [namespaces]
              validations:
              - expression: "lists.range(2000000000).size() > 0"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: costly}
            spec:
              policyName: costly
              validationActions: [Deny]
            """;

    private static String aliasBomb() {
        StringBuilder b = new StringBuilder("a0: &a0 \"" + "x".repeat(1000) + "\"\n");
        for (int i = 1; i <= 30; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        return b.toString();
    }

    private static Path demoCopy;

    @BeforeAll
    static void demoPlan(@TempDir Path dir) throws IOException {
        demoCopy = dir.resolve(DemoPlan.NAME);
        try (InputStream in = DemoPlan.class.getResourceAsStream(DemoPlan.RESOURCE)) {
            Files.copy(in, demoCopy);
        }
    }

    private static Path demo() {
        return demoCopy;
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor());
    }

    /** What a file is, for "nothing was replaced": its kind, its inode, and a hash of its content. */
    private static Map<String, String> survey(Path dir) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String kind = a.isSymbolicLink() ? "link->" + Files.readSymbolicLink(p) : a.isRegularFile() ? "file"
                        : a.isDirectory() ? "dir" : "other";
                String content = a.isRegularFile() ? sha(p) : "";
                seen.put(dir.relativize(p).toString(), kind + " " + a.fileKey() + " " + content);
            }
        }
        return seen;
    }

    private static String sha(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void endsCleanlyInTimeAndReplacesNothing(Case c, @TempDir Path dir) throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= (1L << 30) + (64L << 20), "the suite runs in a 1 GiB heap");
        Files.copy(demo(), dir.resolve("plan.yaml"));
        c.setup().in(dir);
        Map<String, String> before = survey(dir);
        String[] args = c.args().stream().map(a -> a.replace("DIR", dir.toString())).toArray(String[]::new);

        String stdin = c.stdin().replace("DIR", dir.toString());
        CliTest.Run r = assertTimeoutPreemptively(BUDGET, () -> CliTest.cli(stdin, args), c.name());

        String all = r.out() + r.err();
        String shown = all.length() > 2000 ? all.substring(0, 2000) : all;
        assertTrue(c.exits().contains(r.code()), "exit " + r.code() + ": " + shown);
        assertTrue(all.contains(c.says()), shown);
        assertFalse(all.contains("internal error"), shown);
        assertFalse(all.contains("\tat ") || all.matches("(?s).*\\b\\w+(Exception|Error): .*"), shown);
        Map<String, String> after = survey(dir);
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            String was = e.getValue();
            if (c.mayChange().contains(e.getKey()) && now != null) {
                was = was.substring(0, was.lastIndexOf(' '));
                now = now.substring(0, now.lastIndexOf(' '));
            }
            assertEquals(was, now, e.getKey() + " was replaced or changed");
        }
        assertFalse(after.containsKey("pwned"), "a plan's name ran as a command");
        assertFalse(after.keySet().stream().anyMatch(k -> k.endsWith(".tmp")), "a temporary file was left behind");
    }
}
