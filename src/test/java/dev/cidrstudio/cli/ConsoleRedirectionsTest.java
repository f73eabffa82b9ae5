package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cidrstudio.cli.CliTest.Run;
import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code > FILE} and {@code >> FILE} in {@code cidrstudio kubectl} write where bash writes, and only there. */
class ConsoleRedirectionsTest {

    @TempDir
    Path dir;

    private Run script(String text) {
        return CliTest.cli(text.replace("DIR", dir.toString()), "kubectl");
    }

    @Test
    void aSymlinkIsWrittenThroughAndStaysALink() throws Exception {
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        Run r = script("echo one > DIR/link.txt\necho two >> DIR/link.txt\n");
        assertEquals("", r.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("one\ntwo\n", Files.readString(real));
    }

    @Test
    void aLinkToDevNullStaysALinkToTheDevice() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        Path link = Files.createSymbolicLink(dir.resolve("null"), devNull);
        Run r = script("echo gone > DIR/null\nkubectl get ns default -o name >> DIR/null\n");
        assertEquals("", r.err());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(devNull, Files.readSymbolicLink(link));
        assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
    }

    @Test
    void appendingAddsToWhatIsThereAndANewFileIsCreated() throws Exception {
        Files.writeString(dir.resolve("log"), "first\n");
        Run r = script("echo second >> DIR/log\necho fresh > \"DIR/a name with spaces\"\nf=DIR/var\necho v > $f\n");
        assertEquals("", r.err());
        assertEquals("first\nsecond\n", Files.readString(dir.resolve("log")));
        assertEquals("fresh\n", Files.readString(dir.resolve("a name with spaces")));
        assertEquals("v\n", Files.readString(dir.resolve("var")));
    }

    @Test
    void theTruncationHappensBeforeTheCommandRunsAsInBash() throws Exception {
        Files.writeString(dir.resolve("f"), "was here\n");
        Run r = script("cat DIR/f > DIR/f\n");
        assertEquals("", r.err());
        assertEquals("", Files.readString(dir.resolve("f")), "bash empties the file before cat reads it");
    }

    /** A refused redirection: what is set up, the script line, the message bash prints after "line N: ". */
    record Refusal(String name, Consumer<Path> setUp, String line, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Refusal> refusals() {
        return List.of(
                new Refusal("missing folder", d -> { }, "echo x > DIR/nowhere/f", "DIR/nowhere/f: No such file or directory"),
                new Refusal("a directory", d -> { }, "echo x > DIR", "DIR: Is a directory"),
                new Refusal("a directory, appending", d -> { }, "echo x >> DIR", "DIR: Is a directory"),
                new Refusal("a read-only file", d -> readOnly(d.resolve("ro"), "keep\n"), "echo x > DIR/ro",
                        "DIR/ro: Permission denied"),
                new Refusal("a read-only file, appending", d -> readOnly(d.resolve("ro"), "keep\n"),
                        "echo x >> DIR/ro", "DIR/ro: Permission denied"),
                new Refusal("a read-only folder", d -> readOnlyFolder(d.resolve("rodir")), "echo x > DIR/rodir/f",
                        "DIR/rodir/f: Permission denied"),
                new Refusal("an unset variable", d -> { }, "echo x > $NOT_SET", "$NOT_SET: ambiguous redirect"),
                new Refusal("an empty quoted name", d -> { }, "echo x > \"\"", ": No such file or directory"));
    }

    private static void readOnly(Path p, String content) {
        try {
            Files.writeString(p, content);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void readOnlyFolder(Path p) {
        try {
            Files.createDirectory(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedRedirectionSaysWhyAsBashDoesAndTheCommandDoesNotRun(Refusal c) throws Exception {
        c.setUp().accept(dir);
        List<String> before = listing();
        Run r = script("kubectl create namespace before\n" + c.line() + " && echo ran\necho after\n");
        assertEquals("console: line 2: " + c.message().replace("DIR", dir.toString()) + "\n", r.err());
        assertEquals("namespace/before created\nafter\n", r.out(), "the command did not run, the script went on");
        assertEquals(before, listing(), "nothing was created or replaced");
        if (Files.exists(dir.resolve("ro"))) {
            assertEquals("keep\n", Files.readString(dir.resolve("ro")));
        }
    }

    private List<String> listing() throws Exception {
        try (var s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + (Files.isSymbolicLink(p) ? "@" : "")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "mkfifo is not available");
            throw e;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo made a pipe");
        return fifo;
    }

    @Test
    void aPipeWithAReaderGetsTheTextAndStaysAPipe() throws Exception {
        Path fifo = fifo();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run r = script("echo through the pipe > DIR/pipe\n");
        assertEquals("", r.err());
        assertEquals("through the pipe\n", read.get(20, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "still a pipe");
    }

    @Test
    void aPipeWithNoReaderIsGivenUpOnWithAMessage() throws Exception {
        Path fifo = fifo();
        long start = System.nanoTime();
        Run r = script("echo nobody listens > DIR/pipe\necho after\n");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 15, "gave up after " + seconds + " s");
        assertEquals("console: line 1: " + fifo + ": no process reads from this pipe (waited 5 s)\n", r.err());
        assertEquals("after\n", r.out());
        assertFalse(Files.isRegularFile(fifo), "still a pipe");
    }

    @Test
    void tildeAndHomeExpandAsBashExpandsThem() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl.FileSource files = p -> Files.readString(Path.of(p));
        ScriptRunner runner = new ScriptRunner(new Kubectl(api, files), files)
                .withFileSink(new ConsoleFiles(Duration.ofSeconds(1))).withVariable("HOME", dir.toString());
        List<ConsoleOutput> out = runner.run("echo a > ~/tilde\necho b > $HOME/home\necho c > \"$HOME/q d\"\n"
                + "echo ~ \"~\" ~/x a~ '~'/y\n");
        assertEquals(List.of(new ConsoleOutput.Stdout(dir + " ~ " + dir + "/x a~ ~/y\n")), out);
        assertEquals("a\n", Files.readString(dir.resolve("tilde")));
        assertEquals("b\n", Files.readString(dir.resolve("home")));
        assertEquals("c\n", Files.readString(dir.resolve("q d")));
    }
}
