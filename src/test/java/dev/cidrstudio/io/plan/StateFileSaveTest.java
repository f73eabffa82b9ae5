package dev.cidrstudio.io.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save refuses read-only files and folders as a shell would, and cleans up the temporary files of killed saves. */
class StateFileSaveTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aReadOnlyPlanIsRefusedByNameAndStaysByteForByte() throws Exception {
        Path plan = dir.resolve("lab.cidrplan.yaml");
        byte[] before = "kind: Cluster\n".getBytes();
        Files.write(plan, before);
        Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("r--r--r--"));
        StateFile.CannotSave e = assertThrows(StateFile.CannotSave.class,
                () -> StateFile.writeAtomically(plan, "kind: Other\n"));
        assertEquals("cannot save " + plan + ": the file is read-only", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(plan));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(plan)));
        assertEquals(List.of("lab.cidrplan.yaml"), names(), "no temporary file is left");
    }

    @Test
    void aReadOnlyFolderIsRefusedByName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("shared"));
        Path plan = folder.resolve("p.cidrplan.yaml");
        Files.writeString(plan, "old\n");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            StateFile.CannotSave e = assertThrows(StateFile.CannotSave.class,
                    () -> StateFile.writeAtomically(plan, "new\n"));
            assertEquals("cannot save " + plan + ": the folder " + folder + " is not writable", e.getMessage());
            assertEquals("old\n", Files.readString(plan));
            try (Stream<Path> s = Files.list(folder)) {
                assertEquals(1, s.count());
            }
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aMissingFolderOrAFolderAsTheTargetIsSaidInWords() throws Exception {
        Path missing = dir.resolve("nowhere").resolve("p.yaml");
        assertEquals("cannot save " + missing + ": the folder " + missing.getParent() + " does not exist",
                assertThrows(StateFile.CannotSave.class, () -> StateFile.writeAtomically(missing, "x")).getMessage());
        assertEquals("cannot save " + dir + ": it is a folder",
                assertThrows(StateFile.CannotSave.class, () -> StateFile.writeAtomically(dir, "x")).getMessage());
    }

    @Test
    void aLinkedPlanIsSavedThroughTheLink() throws Exception {
        Path real = dir.resolve("real.cidrplan.yaml");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.cidrplan.yaml"), real);
        StateFile.writeAtomically(link, "new\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", Files.readString(real));
    }

    private Path leftover(String name, Duration age) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "half a plan");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void temporaryFilesAKilledSaveLeftAreRemovedAtTheNextSaveAndOnlyThose() throws Exception {
        Path plan = dir.resolve("p.cidrplan.yaml");
        Path stale = leftover(".p.cidrplan.yaml.8123456789012345678.tmp", Duration.ofHours(1));
        Path young = leftover(".p.cidrplan.yaml.42.tmp", Duration.ofSeconds(5));
        Path otherPlans = leftover(".q.cidrplan.yaml.77.tmp", Duration.ofHours(1));
        Path notOurs = leftover(".p.cidrplan.yaml.notes.tmp", Duration.ofHours(1));
        Path writing = leftover(".p.cidrplan.yaml.99.tmp", Duration.ofHours(1));
        try (FileChannel ch = FileChannel.open(writing, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            StateFile.writeAtomically(plan, "kind: Cluster\n");
        }
        assertFalse(Files.exists(stale), "a killed save's file is removed");
        assertTrue(Files.exists(young), "a recent one may belong to a save still running");
        assertTrue(Files.exists(writing), "a locked one belongs to a save still running");
        assertTrue(Files.exists(otherPlans), "another plan's are not this save's business");
        assertTrue(Files.exists(notOurs), "a name outside the pattern is not ours");
        assertEquals("kind: Cluster\n", Files.readString(plan));
    }
}
