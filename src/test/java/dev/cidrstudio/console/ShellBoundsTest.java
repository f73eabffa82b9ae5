package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scripts that would run forever or fill memory end quickly with one clear line, and print what a shell prints. */
class ShellBoundsTest {

    private static final Duration QUICKLY = Duration.ofSeconds(20);

    static Stream<Arguments> bounded() {
        return Stream.of(
                Arguments.of("seq up to the largest long", "seq 9223372036854775800 9223372036854775807 | wc -l",
                        "8\n", ""),
                Arguments.of("seq down to the smallest long", "seq -9223372036854775801 -1 -9223372036854775808",
                        "-9223372036854775801\n-9223372036854775802\n-9223372036854775803\n-9223372036854775804\n"
                                + "-9223372036854775805\n-9223372036854775806\n-9223372036854775807\n"
                                + "-9223372036854775808\n", ""),
                Arguments.of("seq across the whole long range", "seq -9223372036854775808 9223372036854775807", "",
                        "seq: range too long for the practice console (more than 10000 numbers)\n"),
                Arguments.of("seq to 1e18", "seq 1 1e18", "",
                        "seq: range too long for the practice console (more than 10000 numbers)\n"),
                Arguments.of("seq with a huge exponent", "seq 1e999999999", "",
                        "seq: '1e999999999': more digits than the practice console counts with (40)\n"),
                Arguments.of("seq in halves", "seq 1 0.5 2", "1.0\n1.5\n2.0\n", ""),
                Arguments.of("seq counting nothing", "seq 5 1", "", ""),
                Arguments.of("a variable doubled forty times",
                        "x=a; for i in $(seq 1 40); do x=$x$x; done; echo ${#x}", "",
                        "console: line 1: x: a value longer than 1048576 characters is more than the practice console "
                                + "keeps\n"),
                Arguments.of("an endless loop of output", "while true; do echo y; done | wc -l", "",
                        "console: line 1: while loop stopped after 10000 iterations: the practice console runs no "
                                + "longer loops\n"),
                Arguments.of("a huge field width", "printf '%1000000000d' 5", "",
                        "printf: field width larger than the practice console prints\n"),
                Arguments.of("a huge integer precision", "printf '%.1000000000d' 5", "",
                        "printf: field width larger than the practice console prints\n"),
                Arguments.of("a precision longer than an int", "printf '%.99999999999s|' abc", "abc|", ""),
                Arguments.of("printf's precisions and flags", "printf '%.3d|%5.2s|%-4d|%+d|%05d|% d|%.0d|' 5 abc 7 3 "
                        + "-42 9 0", "005|   ab|7   |+3|-0042| 9||", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounded")
    void endsQuicklyWithOneClearLine(String name, String script, String out, String err) throws Exception {
        ScriptRunner r = runner();
        List<ConsoleOutput> output = assertTimeoutPreemptively(QUICKLY, () -> r.run(script));
        assertEquals(out, text(output, ConsoleOutput.Stdout.class), name);
        assertEquals(err, text(output, ConsoleOutput.Stderr.class), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floods")
    void aFloodOfOutputStopsAtTheOutputLimit(String name, String script) throws Exception {
        ScriptRunner r = runner();
        List<ConsoleOutput> output = assertTimeoutPreemptively(QUICKLY, () -> r.run(script));
        long printed = output.stream().mapToLong(o -> o.text().length()).sum();
        assertTrue(printed <= (17L << 20), name + ": " + printed);
        String err = text(output, ConsoleOutput.Stderr.class);
        assertTrue(err.isEmpty() || err.lines().count() == 1, err);
    }

    static Stream<Arguments> floods() {
        return Stream.of(
                Arguments.of("kubectl get in a long loop", "for i in $(seq 1 10000); do kubectl get svc -A -o yaml; "
                        + "done"),
                Arguments.of("kubectl get in a long loop through a pipe", "for i in $(seq 1 10000); do kubectl get "
                        + "svc -A -o yaml; done | wc -l"),
                Arguments.of("wide lines", "x=$(printf '%1000s' a); while true; do echo $x$x$x$x$x$x$x$x; done"));
    }

    private static ScriptRunner runner() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl.FileSource none = p -> {
            throw new java.io.IOException("no files");
        };
        return new ScriptRunner(new Kubectl(api, none), none);
    }

    private static String text(List<ConsoleOutput> out, Class<? extends ConsoleOutput> kind) {
        StringBuilder sb = new StringBuilder();
        out.stream().filter(kind::isInstance).forEach(o -> sb.append(o.text()));
        return sb.toString();
    }
}
