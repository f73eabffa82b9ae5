package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.io.plan.StateFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan save killed at a random moment (SIGKILL of the writing process) leaves either the old plan or the new
 * one on disk, whole, never a mixture or a truncated file.
 */
class SaveSurvivesKillTest {

    /** The writing process: saves alternating, recognisable versions of a large plan as fast as it can. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path target = Path.of(args[0]);
            for (int v = 1; ; v++) {
                StateFile.writeAtomically(target, content(v));
            }
        }
    }

    static String content(int version) {
        String line = "# version " + version + " -------------------------------------------------------------\n";
        return line.repeat(100_000) + "# end of version " + version + "\n";
    }

    static boolean whole(String text) {
        if (!text.startsWith("# version ")) {
            return false;
        }
        int v = Integer.parseInt(text.substring(10, text.indexOf(' ', 10)));
        return text.equals(content(v));
    }

    @Test
    void aKilledSaveNeverLeavesAHalfWrittenPlan(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("plan.cidrplan.yaml");
        Files.writeString(target, content(0));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 6; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
                    target.toString()).redirectError(new File(dir.toFile(), "err" + round + ".txt"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300 + 170L * round);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String text = Files.readString(target);
            assertTrue(whole(text), "round " + round + ": the plan on disk is whole (" + text.length() + " chars)");
        }
    }
}
