package dev.cidrstudio.io.plan;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A file opened for writing where it is, as the shell's {@code > FILE} and {@code >> FILE} open it: through
 * symbolic links, into devices and pipes, truncated or appended to, created as a regular file when absent. Nothing is
 * replaced, so a link, {@code /dev/null} or a pipe stays what it was.
 *
 * <p>What it refuses, it refuses with the shell's words ({@link Refused#getMessage()}), for the caller to put after
 * the file's name. A file or folder nobody may write (no write permission bit at all) is refused even to root, as a
 * user's shell refuses it: an editor's "read-only" rule. A pipe with no reader is not waited on forever.
 */
public final class InPlaceFile {

    /** How long opening a pipe waits for a reader before it gives up. */
    public static final Duration PIPE_WAIT = Duration.ofSeconds(5);

    public static final String NO_SUCH_FILE = "No such file or directory";
    public static final String IS_A_DIRECTORY = "Is a directory";
    public static final String PERMISSION_DENIED = "Permission denied";
    public static final String NO_READER = "no process reads from this pipe";

    /** A file the shell would not open, with the reason it would print. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private InPlaceFile() {
    }

    /** Opens {@code path} for writing, truncated ({@code >}) or appended to ({@code >>}). */
    public static OutputStream open(Path path, boolean append, Duration pipeWait) throws IOException {
        if (path.toString().isEmpty()) {
            throw new Refused(NO_SUCH_FILE);
        }
        BasicFileAttributes attrs = null;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            // absent, or a link to nothing: created below, as the shell creates it
        } catch (IOException e) {
            throw reworded(e);
        }
        if (attrs != null && attrs.isDirectory()) {
            throw new Refused(IS_A_DIRECTORY);
        }
        if (attrs != null && isReadOnly(path)) {
            throw new Refused(PERMISSION_DENIED);
        }
        if (attrs == null) {
            Path folder = path.toAbsolutePath().getParent();
            if (folder != null && Files.isDirectory(folder) && isReadOnly(folder)) {
                throw new Refused(PERMISSION_DENIED);
            }
        }
        Set<OpenOption> options = append
                ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        FileChannel channel = attrs != null && attrs.isOther() ? openWaiting(path, options, pipeWait)
                : openNow(path, options);
        return Channels.newOutputStream(channel);
    }

    /**
     * Whether nobody may write {@code path}: the system says so, or it has no write permission bit (which root
     * would otherwise ignore).
     */
    public static boolean isReadOnly(Path path) throws IOException {
        if (!Files.isWritable(path)) {
            return true;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        return perms.stream().noneMatch(WRITE_BITS::contains);
    }

    private static FileChannel openNow(Path path, Set<OpenOption> options) throws IOException {
        try {
            return FileChannel.open(path, options);
        } catch (IOException e) {
            throw reworded(e);
        }
    }

    /**
     * A pipe (or another special file) opens once a reader is there; past {@code wait} the open is given up: a
     * reader of our own lets the pending open finish, and both are closed.
     */
    private static FileChannel openWaiting(Path path, Set<OpenOption> options, Duration wait) throws IOException {
        FutureTask<FileChannel> opening = new FutureTask<>(() -> FileChannel.open(path, options));
        Thread t = new Thread(opening, "open " + path.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            return opening.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            giveUp(path, opening);
            throw new Refused(NO_READER + " (waited " + wait.toSeconds() + " s)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? reworded(io) : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(path, opening);
            throw new Refused(NO_READER);
        }
    }

    private static void giveUp(Path path, FutureTask<FileChannel> opening) throws IOException {
        if (!opening.isDone()) {
            try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
                FileChannel writer = opening.get(PIPE_WAIT.toSeconds(), TimeUnit.SECONDS);
                writer.close();
            } catch (ExecutionException | TimeoutException e) {
                // the pending open failed or is still stuck: nothing of ours is left open
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            try {
                opening.get().close();
            } catch (ExecutionException e) {
                // it failed by itself: nothing to close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The shell's words for a failed open, without Java's framing of the path. */
    static IOException reworded(IOException e) {
        if (e instanceof Refused) {
            return e;
        }
        if (e instanceof NoSuchFileException) {
            return new Refused(NO_SUCH_FILE);
        }
        if (e instanceof AccessDeniedException) {
            return new Refused(PERMISSION_DENIED);
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return new Refused(f.getReason());
        }
        return e;
    }
}
