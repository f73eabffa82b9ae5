package dev.cidrstudio.app;

import dev.cidrstudio.io.plan.StateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads user files with a size bound, so a huge or hostile file is refused instead of exhausting memory. */
public final class LocalFiles {

    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private LocalFiles() {
    }

    public static String read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a directory");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // A device or a pipe may never end (/dev/zero) or never start (a pipe nobody writes).
            throw new IOException(path + " is not a regular file");
        }
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new IOException(path + " is " + (size / (1024 * 1024)) + " MiB; files over "
                    + (MAX_BYTES / (1024 * 1024)) + " MiB are refused");
        }
        byte[] bytes;
        try (var in = Files.newInputStream(path)) {
            // Bounded again: the file may grow while it is read.
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(path + " grew past " + (MAX_BYTES / (1024 * 1024)) + " MiB while it was read");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static String read(String path) throws IOException {
        return read(Path.of(path));
    }

    /** Writes a text file atomically: a temporary file beside it, flushed, then moved into place. */
    public static void write(Path path, String content) throws IOException {
        StateFile.writeAtomically(path, content);
    }

    /** Writes a binary file (an image) atomically. */
    public static void write(Path path, byte[] content) throws IOException {
        StateFile.writeAtomically(path, content);
    }
}
