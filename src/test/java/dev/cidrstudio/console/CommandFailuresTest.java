package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A command failing inside the console fails alone, with one line; coreutils' messages are coreutils'. */
class CommandFailuresTest {

    private static String stderr(List<ConsoleOutput> out) {
        return out.stream().filter(o -> o instanceof ConsoleOutput.Stderr).map(ConsoleOutput::text)
                .collect(Collectors.joining());
    }

    private static String stdout(List<ConsoleOutput> out) {
        return out.stream().filter(o -> o instanceof ConsoleOutput.Stdout).map(ConsoleOutput::text)
                .collect(Collectors.joining());
    }

    @Test
    void aRuntimeFailureInsideACommandIsOneLineAndTheScriptGoesOn() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl.FileSource broken = p -> {
            throw new IllegalStateException("the disk fell off\nat somewhere");
        };
        ScriptRunner r = new ScriptRunner(new Kubectl(api, broken), broken);
        List<ConsoleOutput> out = r.run("""
                kubectl create namespace before
                kubectl apply -f x.yaml | wc -l
                kubectl apply -f x.yaml || echo "status $?"
                kubectl create namespace after
                """);
        assertEquals("""
                console: line 2: kubectl: the practice console could not run this command (the disk fell off)
                console: line 3: kubectl: the practice console could not run this command (the disk fell off)
                """, stderr(out));
        assertEquals("namespace/before created\n0\nstatus 70\nnamespace/after created\n", stdout(out));
        assertEquals(2, api.list(Kind.NAMESPACE, null).stream()
                .filter(n -> n.name().equals("before") || n.name().equals("after")).count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            head -n abc       | head: invalid number of lines: 'abc'
            head -nabc        | head: invalid number of lines: 'abc'
            head --lines=2x   | head: invalid number of lines: '2x'
            head -c abc       | head: invalid number of bytes: 'abc'
            tail -n abc       | tail: invalid number of lines: 'abc'
            tail -n +abc      | tail: invalid number of lines: '+abc'
            head -x           | head: invalid option -- 'x'\\nTry 'head --help' for more information.
            head -n           | head: option requires an argument -- 'n'\\nTry 'head --help' for more information.
            """)
    void headAndTailRefuseWithCoreutilsWords(String command, String message) throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        ScriptRunner r = new ScriptRunner(new Kubectl(api, p -> ""), p -> "");
        List<ConsoleOutput> out = r.run("printf '1\\n2\\n3\\n' | " + command);
        assertEquals(message.replace("\\n", "\n") + "\n", stderr(out));
        assertEquals(1, r.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            head -n 2              | 1,2
            head -2                | 1,2
            head -n -1             | 1,2
            head -n 99999999999999999999999 | 1,2,3
            tail -n 1              | 3
            tail -n +2             | 2,3
            tail -1                | 3
            """)
    void headAndTailCount(String command, String lines) throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        ScriptRunner r = new ScriptRunner(new Kubectl(api, p -> ""), p -> "");
        List<ConsoleOutput> out = r.run("printf '1\\n2\\n3\\n' | " + command);
        assertEquals("", stderr(out));
        assertEquals(lines.replace(",", "\n") + "\n", stdout(out));
    }
}
