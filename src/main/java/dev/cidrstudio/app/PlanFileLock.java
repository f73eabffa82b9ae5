package dev.cidrstudio.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The mark that a plan file is open in a window: {@code .NAME.lock} beside the file, held with an operating-system
 * lock, so a second window opening the same plan is told so instead of both saving over each other. The system drops
 * the lock when the process ends, so a crash never leaves a plan locked.
 */
final class PlanFileLock implements AutoCloseable {

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    /** Another window holds the plan. */
    static final class AlreadyOpenException extends IOException {
        private static final long serialVersionUID = 1L;

        AlreadyOpenException(Path plan, String holder) {
            super(plan.getFileName() + " is already open in another CIDR Studio window" + holder
                    + "; switch to that window, or close it first");
        }
    }

    private PlanFileLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path plan) {
        Path abs = plan.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Takes the lock of a plan file, or returns null when its folder cannot hold one (read-only media): the plan
     * still opens, unguarded.
     */
    static PlanFileLock acquire(Path plan) throws AlreadyOpenException {
        Path lockFile = lockFileOf(plan);
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        } catch (IOException e) {
            closeQuietly(ch);
            return null;
        }
        if (l == null) {
            String holder = holderOf(lockFile);
            closeQuietly(ch);
            throw new AlreadyOpenException(plan, holder);
        }
        try {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // The lock itself is what guards; the process number only helps the message.
        }
        return new PlanFileLock(lockFile, ch, l);
    }

    private static String holderOf(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,10}") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            PlanSession.LOG.log(System.Logger.Level.DEBUG, "closing a lock file", e);
        }
    }

    /** Releases the lock and removes the mark. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile);
            lock.release();
        } catch (IOException e) {
            PlanSession.LOG.log(System.Logger.Level.DEBUG, "releasing " + lockFile, e);
        }
        closeQuietly(channel);
    }
}
