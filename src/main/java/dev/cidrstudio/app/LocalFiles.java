package dev.cidrstudio.app;

import dev.cidrstudio.io.plan.StateFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads user files through a hard byte bound, whatever the file system says of their size, so that a device, a huge
 * or a growing file is refused instead of exhausting memory. Only regular files are opened: a FIFO would block the
 * open itself, a device never ends. Text is decoded as kubectl decodes it: UTF-8, or UTF-16 when a byte order mark
 * says so (its file reader puts {@code unicode.BOMOverride(unicode.UTF8.NewDecoder())} before the YAML decoder).
 */
public final class LocalFiles {

    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** A file refused before or while reading it; the message names the file. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Refused(String file, String reason) {
            super(file + ": " + reason);
            this.reason = reason;
        }

        /** Why, without the file's name. */
        public String reason() {
            return reason;
        }
    }

    private LocalFiles() {
    }

    public static String read(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new Refused(path.toString(), "not a regular file (" + fileType(path, attributes) + ")");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new Refused(path.toString(), tooLarge());
        }
        try (InputStream in = Files.newInputStream(path)) {
            return decode(readBounded(in, path.toString()));
        }
    }

    public static String read(String path) throws IOException {
        return read(Path.of(path));
    }

    /** Standard input ("-"), through the same bound; {@code name} is what messages call it. */
    public static String read(InputStream in, String name) throws IOException {
        return decode(readBounded(in, name));
    }

    private static byte[] readBounded(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new Refused(name, tooLarge());
        }
        return bytes;
    }

    private static String tooLarge() {
        return "larger than " + (MAX_BYTES / (1024 * 1024)) + " MiB; larger files are refused";
    }

    /** UTF-8 (a leading byte order mark dropped), or UTF-16 in the order its byte order mark gives. */
    static String decode(byte[] b) {
        int n = b.length;
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return new String(b, 3, n - 3, StandardCharsets.UTF_8);
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return utf16(b, true);
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return utf16(b, false);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String utf16(byte[] b, boolean littleEndian) {
        // Unpaired surrogates and an odd last byte become U+FFFD, one each, as Go's UTF-16 decoder makes them.
        StringBuilder sb = new StringBuilder(b.length / 2);
        int i = 2;
        for (; i + 1 < b.length; i += 2) {
            char c = littleEndian ? (char) ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8)
                    : (char) ((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF));
            sb.append(c);
        }
        if (i < b.length) {
            sb.append('\uFFFD');
        }
        return dev.cidrstudio.io.yaml.YamlReader.replaceUnpairedSurrogates(sb.toString());
    }

    /** What a non-regular file is, in words, for the refusal. */
    private static String fileType(Path path, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
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
