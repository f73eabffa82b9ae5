package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing line of a {@code cidrstudio kubectl} script fails alone: the lines before it keep their work. */
class ScriptKeepsWorkTest {

    @Test
    void aFailingBuiltInPrintsOneLineAndTheStateKeepsEveryLinesWork(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("cluster.state.yaml");
        Run r = CliTest.cli("""
                kubectl create namespace before
                echo x | head -n abc
                sleep 99999999999999999999
                seq 9223372036854775806 9223372036854775807
                echo x | tail -c +abc
                kubectl create namespace after
                """, "kubectl", "--state", state.toString());
        assertEquals("""
                head: invalid number of lines: 'abc'
                sleep: an interval longer than 36500 days is more than the practice console's clock simulates
                tail: invalid number of bytes: '+abc'
                """, r.err());
        assertEquals("namespace/before created\n9223372036854775806\n9223372036854775807\nnamespace/after created\n",
                r.out());
        String saved = Files.readString(state);
        assertTrue(saved.contains("name: before") && saved.contains("name: after"), saved);
        Run again = CliTest.cli("", "kubectl", "--state", state.toString(), "get", "ns", "before", "after",
                "-o", "name");
        assertEquals("namespace/before\nnamespace/after\n", again.out());
        assertFalse(r.err().contains("Exception"));
    }
}
