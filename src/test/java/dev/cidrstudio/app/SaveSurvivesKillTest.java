package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cidrstudio.io.plan.StateFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan save killed at a random moment (SIGKILL of the writing process) leaves either the old plan or the new
 * one on disk, whole, never a mixture or a truncated file.
 *
 * <p>The writing process reports each save it has finished, so the test knows where it kills: some rounds kill it
 * before its first save finishes (the old plan must be there), the others after it has finished a few, in the
 * middle of the next one (a newer plan must be there). The kill moments adapt to how long a save takes on this
 * machine, and the test keeps going, within bounds, until it has seen both outcomes.
 */
class SaveSurvivesKillTest {

    private static final String TARGET = "plan.cidrplan.yaml";
    private static final int MIN_ROUNDS = 10;
    private static final int MAX_ROUNDS = 40;
    private static final long DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(4);
    private static final long WAIT_FOR_WRITER_SECONDS = 90;

    /**
     * The writing process: saves recognisable versions of a large plan, from the version given on, as fast as it
     * can, printing {@code started} once and then {@code saved N} after each save has returned.
     */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path target = Path.of(args[0]);
            System.out.println("started");
            System.out.flush();
            for (int v = Integer.parseInt(args[1]); ; v++) {
                StateFile.writeAtomically(target, content(v));
                System.out.println("saved " + v);
                System.out.flush();
            }
        }
    }

    private static final int LINES = 100_000;
    private static final byte[] LINE = "# version 00000000 -------------------------------------------------------\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int DIGITS = 10;
    private static final int WIDTH = 8;

    /**
     * A plan of some 8 MB whose every line names its version, built by patching a template so that the writing
     * process spends its time saving rather than building text: a kill then mostly lands inside a save.
     */
    static byte[] content(int version) {
        byte[] digits = String.format("%0" + WIDTH + "d", version).getBytes(StandardCharsets.US_ASCII);
        byte[] end = ("# end of version " + version + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[LINE.length * LINES + end.length];
        for (int i = 0; i < LINES; i++) {
            int at = i * LINE.length;
            System.arraycopy(LINE, 0, out, at, LINE.length);
            System.arraycopy(digits, 0, out, at + DIGITS, WIDTH);
        }
        System.arraycopy(end, 0, out, LINE.length * LINES, end.length);
        return out;
    }

    /** The version of a whole plan, or -1 for anything else (torn, truncated, mixed, empty). */
    static int wholeVersion(byte[] bytes) {
        if (bytes.length < DIGITS + WIDTH) {
            return -1;
        }
        int v;
        try {
            v = Integer.parseInt(new String(bytes, DIGITS, WIDTH, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
        return Arrays.equals(bytes, content(v)) ? v : -1;
    }

    /** The lines a writer printed, as they arrive. */
    private static final class Progress {
        private final Process process;
        private final Path errors;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Progress(Process process, Path errors) {
            this.process = process;
            this.errors = errors;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the process was killed: its output simply ends
                }
            }, "save-writer-output");
            t.setDaemon(true);
            t.start();
        }

        String next() throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_FOR_WRITER_SECONDS);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(200, TimeUnit.MILLISECONDS);
                if (l != null) {
                    return l;
                }
                if (!process.isAlive() && lines.isEmpty()) {
                    fail("the writing process ended by itself (exit " + process.exitValue() + "):\n"
                            + Files.readString(errors));
                }
            }
            return fail("the writing process printed nothing for " + WAIT_FOR_WRITER_SECONDS + " s");
        }
    }

    private static List<Path> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("." + TARGET + ".")).toList();
        }
    }

    @Test
    void aKilledSaveNeverLeavesAHalfWrittenPlan(@TempDir Path dir) throws Exception {
        Path target = dir.resolve(TARGET);
        Files.write(target, content(0));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long saveNanos = TimeUnit.MILLISECONDS.toNanos(20); // first guess; measured below
        int oldKept = 0;
        int newWritten = 0;
        List<String> log = new ArrayList<>();
        long start = System.nanoTime();
        int round = 0;
        for (; round < MAX_ROUNDS; round++) {
            boolean enough = round >= MIN_ROUNDS && oldKept > 0 && newWritten > 0;
            if (enough || round >= MIN_ROUNDS && System.nanoTime() - start > DEADLINE_NANOS) {
                break;
            }
            int before = wholeVersion(Files.readAllBytes(target));
            Path errors = dir.resolve("err" + round + ".txt");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Writer.class.getName(), target.toString(), Integer.toString(before + 1))
                    .redirectError(errors.toFile()).start();
            Progress progress = new Progress(p, errors);
            int finished = 0;
            try {
                assertEquals("started", progress.next(), "round " + round);
                boolean killLate = round % 2 == 1;
                if (killLate) {
                    // Wait until a few saves have finished, timing them, then kill in the middle of the next one.
                    int wanted = 1 + random.nextInt(3);
                    long last = System.nanoTime();
                    while (finished < wanted) {
                        String l = progress.next();
                        assertTrue(l.startsWith("saved "), l);
                        long now = System.nanoTime();
                        if (finished > 0) {
                            saveNanos = (saveNanos + (now - last)) / 2;
                        }
                        last = now;
                        finished++;
                    }
                }
                // Before the first save finishes, or part-way through the next one.
                TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * saveNanos));
            } finally {
                p.destroyForcibly();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the writing process ends when killed");
            }
            byte[] onDisk = Files.readAllBytes(target);
            int after = wholeVersion(onDisk);
            log.add("round " + round + ": v" + before + " -> " + (after < 0 ? "torn (" + onDisk.length + " bytes)"
                    : "v" + after) + " after " + finished + " reported saves");
            assertTrue(after >= 0, "the plan on disk is whole; seed " + seed + "\n" + String.join("\n", log));
            assertTrue(after >= before + finished, "a save reported finished is on disk\n" + String.join("\n", log));
            if (after == before) {
                oldKept++;
            } else {
                newWritten++;
            }
        }
        String summary = oldKept + " rounds kept the old plan, " + newWritten + " wrote a newer one (" + round
                + " rounds, a save takes about " + TimeUnit.NANOSECONDS.toMillis(saveNanos) + " ms; seed " + seed
                + ")\n" + String.join("\n", log);
        assertTrue(newWritten > 0, "some saves finished before the kill: " + summary);
        assertTrue(oldKept > 0, "some kills came before the first save finished: " + summary);

        // A killed save cannot clean up after itself (at most one temporary file per kill), but every save that
        // finished or failed inside the process left none behind.
        List<Path> leftOver = temporaryFiles(dir);
        assertTrue(leftOver.size() <= round, "at most one temporary file per killed save: " + leftOver);
        StateFile.writeAtomically(target, content(1_000_000));
        assertEquals(leftOver, temporaryFiles(dir), "a finished save leaves no temporary file");
        assertEquals(1_000_000, wholeVersion(Files.readAllBytes(target)));
    }
}
