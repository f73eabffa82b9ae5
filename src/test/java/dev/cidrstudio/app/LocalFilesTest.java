package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every user file is read through a hard bound; what is not a regular file is refused before it is opened. */
class LocalFilesTest {

    private static final Duration NET = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static LocalFiles.Refused refused(Path p) {
        return assertTimeoutPreemptively(NET, () -> assertThrows(LocalFiles.Refused.class, () -> LocalFiles.read(p)));
    }

    @Test
    void aDirectoryIsRefused() {
        assertEquals(dir + ": not a regular file (a directory)", refused(dir).getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        // Opening a FIFO for reading blocks until a writer comes: only a check before opening returns.
        assertEquals("not a regular file (a FIFO)", refused(fifo).reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/dev/zero", "/dev/urandom", "/dev/null"})
    void aDeviceIsRefusedAlthoughItsSizeIsZero(String device) {
        Path p = Path.of(device);
        assumeTrue(Files.exists(p), device + " is missing here");
        assertEquals("not a regular file (a character device)", refused(p).reason());
    }

    @Test
    void endlessStandardInputStopsAtTheBound() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                return len;
            }
        };
        LocalFiles.Refused e = assertTimeoutPreemptively(NET,
                () -> assertThrows(LocalFiles.Refused.class, () -> LocalFiles.read(endless, "STDIN")));
        assertEquals("STDIN: larger than 64 MiB; larger files are refused", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "UTF-8 with a byte order mark, EFBBBF, UTF-8",
        "UTF-16LE with a byte order mark, FFFE, UTF-16LE",
        "UTF-16BE with a byte order mark, FEFF, UTF-16BE",
        "UTF-8 without one, '', UTF-8"})
    void textIsDecodedAsKubectlDecodesIt(String name, String bom, String charset) throws IOException {
        String text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: caf\u00e9-\u4e2d\n";
        byte[] body = text.getBytes(java.nio.charset.Charset.forName(charset));
        byte[] head = java.util.HexFormat.of().parseHex(bom);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        Path f = dir.resolve("m.yaml");
        Files.write(f, all);
        assertEquals(text, LocalFiles.read(f));
    }

    @Test
    void anUnpairedSurrogateInUtf16BecomesTheReplacementCharacter() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, 0x00, (byte) 0xD8, 'b', 0});
        assertEquals("a\uFFFDb", LocalFiles.read(f));
        Files.writeString(f, "ok", StandardCharsets.UTF_8);
        assertEquals("ok", LocalFiles.read(f));
    }
}
